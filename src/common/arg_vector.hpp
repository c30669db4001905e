// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

namespace vitalsd {

/// An argument list as getopt_long wants it: a mutable, null-terminated argv that starts with the
/// program's name. Lets a parser take a std::vector<std::string>, which tests can build. Parse
/// with a "+" optstring: getopt_long then reorders nothing, and argv[i] stays the i-th string.
class ArgVector {
public:
    ArgVector(const char* program, const std::vector<std::string>& args) : strings_{program} {
        strings_.insert(strings_.end(), args.begin(), args.end());
        for (auto& arg : strings_) {
            pointers_.push_back(arg.data());
        }
        pointers_.push_back(nullptr);
    }
    ArgVector(const ArgVector&) = delete;  // pointers_ points into strings_
    ArgVector& operator=(const ArgVector&) = delete;

    int size() const { return static_cast<int>(strings_.size()); }
    char** data() { return pointers_.data(); }
    const std::string& operator[](int index) const { return strings_[index]; }

private:
    std::vector<std::string> strings_;
    std::vector<char*> pointers_;
};

}  // namespace vitalsd
