// SPDX-License-Identifier: MIT
#include "routes.hpp"

#include <algorithm>

namespace vitalsd::exporter {

HttpResponse route(const HttpRequest& request, const ScrapeFunction& scrape) {
    if (request.path != "/metrics") {
        return {404, "text/plain; charset=utf-8", "Not found: the metrics are at /metrics\n", {}};
    }
    if (request.method != "GET" && request.method != "HEAD") {
        return {405,
                "text/plain; charset=utf-8",
                "Method not allowed: use GET\n",
                {{"Allow", "GET, HEAD"}}};
    }
    const auto format = negotiate_format(request.accept);
    auto result = scrape(format);
    if (auto* unreachable = std::get_if<Unreachable>(&result)) {
        auto reason = unreachable->reason;
        std::replace(reason.begin(), reason.end(), '\n', ' ');  // one line, whatever it said
        return {503, "text/plain; charset=utf-8", "Service unavailable: " + reason + "\n", {}};
    }
    return {200, std::string(content_type(format)), std::move(std::get<std::string>(result)), {}};
}

HttpResponse unauthorized() {
    return {401,
            "text/plain; charset=utf-8",
            "Unauthorized: a user and password are needed\n",
            {{"WWW-Authenticate", "Basic realm=\"vitals-exporter\", charset=\"UTF-8\""}}};
}

}  // namespace vitalsd::exporter
