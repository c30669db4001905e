// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vitalsd {

/// A /proc or /sys file kept open and read whole with pread from offset 0 into a reused buffer:
/// about a third of the cost of open + read + close on every sample.
class ProcFile {
public:
    /// Opens path; a file that cannot be opened reads as nothing (and is retried on each read).
    explicit ProcFile(std::string path);
    ~ProcFile();
    ProcFile(const ProcFile&) = delete;
    ProcFile& operator=(const ProcFile&) = delete;

    /// Returns the whole file as it is now, or nullopt when it cannot be read. The view is valid
    /// until the next read.
    std::optional<std::string_view> read();

    /// Returns whether the kernel flagged the file as changed since the opening or the previous
    /// call, at the cost of one poll: /proc/PID/mountinfo and mounts flag a mount or an unmount
    /// with POLLPRI (other procfs files never do; this is for those two). A file outside procfs
    /// (a captured tree) cannot flag anything, so it, and a file not open, always counts as
    /// changed and callers read it again.
    bool changed();

private:
    bool open();

    std::string path_;
    int fd_ = -1;
    bool flags_changes_ = false;  // on procfs, where poll() says when the text changed
    std::vector<char> buffer_;
};

}  // namespace vitalsd
