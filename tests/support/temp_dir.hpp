// SPDX-License-Identifier: MIT
#pragma once

#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace vitalsd::test {

/// A directory of its own under $VITALSD_TEST_DIR (else /tmp), removed with everything in it
/// when the test ends: a hand-written proc tree for collectors to read.
class TempDir {
public:
    TempDir() {
        const char* base = std::getenv("VITALSD_TEST_DIR");
        std::string pattern =
            std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/vitalsd-unit-XXXXXX";
        if (::mkdtemp(pattern.data()) == nullptr) {
            throw std::runtime_error("mkdtemp failed for " + pattern);
        }
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::string& path() const { return path_; }

    /// Writes the file name (relative to the directory, its parents made as needed) with exactly
    /// text. An existing file is truncated and rewritten in place, not replaced: collectors keep
    /// their files open, so a new inode would go unseen, as it never happens under /proc.
    void write(const std::string& name, const std::string& text) const {
        std::filesystem::create_directories(
            std::filesystem::path(path_ + "/" + name).parent_path());
        std::ofstream out(path_ + "/" + name, std::ios::binary | std::ios::trunc);
        out << text;
        out.close();
        if (!out) {
            throw std::runtime_error("cannot write " + path_ + "/" + name);
        }
    }

    /// Makes the directory name (relative to the directory) and its parents; a hand-written sys
    /// tree or pid directories.
    void make_dir(const std::string& name) const {
        std::filesystem::create_directories(path_ + "/" + name);
    }

private:
    std::string path_;
};

/// Returns the whole content of a file; throws when it cannot be read.
inline std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + path);
    }
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Returns the number a file holds, as a sysfs value file holds it: one number and a newline;
/// throws when it holds no number.
inline double read_number(const std::string& path) {
    return std::stod(read_text(path));
}

}  // namespace vitalsd::test
