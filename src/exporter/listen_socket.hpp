// SPDX-License-Identifier: MIT
#pragma once

#include <string>

#include "exporter_options.hpp"

namespace vitalsd::exporter {

/// Returns a listening TCP socket bound to the address (non-blocking, close-on-exec). Throws
/// std::system_error.
int open_listen_socket(const ListenAddress& address);

/// Returns where a listening socket is bound: "127.0.0.1:10129", "[::1]:10129".
std::string bound_address(int fd);

}  // namespace vitalsd::exporter
