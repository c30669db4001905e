// SPDX-License-Identifier: MIT
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "exposition.hpp"

namespace vitalsd::exporter {

struct HttpRequest {
    std::string method;
    std::string path;           // without the query string
    std::string accept;         // the Accept header, "" without one
    std::string authorization;  // the Authorization header, "" without one
};

struct HttpResponse {
    unsigned status = 200;
    std::string content_type = "text/plain; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  // others: Allow, WWW-Authenticate
};

/// Why a scrape could not be served, in one line for the scraper.
struct Unreachable {
    std::string reason;
};

/// A scrape: the exposition in the format asked, or why there is none.
using ScrapeFunction = std::function<std::variant<std::string, Unreachable>(ExpositionFormat)>;

/// Returns the 401 that asks for basic authentication.
HttpResponse unauthorized();

/// Returns the answer to a request: GET or HEAD /metrics is a scrape in the format the Accept
/// header asks for (503 when the service cannot be reached), any other method there 405, any
/// other path 404; every answer but a scrape is one line of text.
HttpResponse route(const HttpRequest& request, const ScrapeFunction& scrape);

}  // namespace vitalsd::exporter
