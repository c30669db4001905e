// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "collector.hpp"
#include "mounts.hpp"

namespace vitalsd {

/// The space of a file system, as statvfs(3) gives it.
struct FsSpace {
    std::uint64_t fragment_size = 0;     ///< f_frsize: the unit of the block counts
    std::uint64_t blocks = 0;            ///< f_blocks: the size
    std::uint64_t blocks_free = 0;       ///< f_bfree: free, the blocks kept for root included
    std::uint64_t blocks_available = 0;  ///< f_bavail: free for an unprivileged user
};

/// Returns the space of the file system mounted at a path, or nullopt when it cannot tell.
using FsSpaceReader = std::function<std::optional<FsSpace>(const std::string& mount_point)>;

/// Returns the space of the file system at mount_point from statvfs(3), or nullopt when the call
/// fails.
std::optional<FsSpace> statvfs_space(const std::string& mount_point);

/// Fills out (total, used, free, usedPercent) from a file system's space: total and free (for an
/// unprivileged user) in bytes, used = total - all free blocks, and usedPercent as df shows it,
/// used / (used + free): the blocks kept for root count as neither. Without space, all missing.
void fill_fs_space(const std::optional<FsSpace>& space, std::span<RawSample> out);

/// Size and use of every mounted real file system (see is_shown_file_system), from
/// <proc>/self/mountinfo and statvfs on each mount point: fs/<name>/{total,used,free} in bytes
/// and fs/<name>/usedPercent, named by fs_name ("root" for "/"). Mounts that come and go change
/// the sensors.
class FileSystemCollector final : public Collector {
public:
    /// Reads the mounts of <proc_root>/self/mountinfo and asks space for their sizes (statvfs
    /// unless a test gives its own numbers).
    explicit FileSystemCollector(const std::string& proc_root, FsSpaceReader space = statvfs_space);

    const std::vector<SensorInfo>& sensors() const override { return sensors_; }
    bool read(std::vector<RawSample>& out) override;
    std::vector<std::string> later_sensor_patterns() const override { return {"fs/*/*"}; }

private:
    struct FileSystem {
        std::string listed_mount_point;  // as mountinfo lists them, escapes and all: to tell
        std::string listed_fs_type;      // whether the mounts changed without allocating
        std::string listed_source;
        std::string mount_point;  // the path statvfs is asked about
    };

    // Returns whether the shown file systems changed since the last call.
    bool refresh_mounts();
    // Returns whether the mount table shows the file systems known already.
    bool same_file_systems() const;
    // Makes the file systems the table shows the known ones, with their sensors.
    void take_file_systems();

    MountTable table_;
    FsSpaceReader space_;
    std::vector<FileSystem> file_systems_;
    std::vector<SensorInfo> sensors_;
};

}  // namespace vitalsd
