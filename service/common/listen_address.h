// Parsing the HOST:PORT a service listens on (serve --listen, worker
// --metrics-listen).
#pragma once

#include <string>

namespace modfilter::service {

// "HOST:PORT", the host possibly in brackets ([::1]:8080); port 0 to 65535.
bool parse_listen(const std::string& text, std::string& host, int& port);

}  // namespace modfilter::service
