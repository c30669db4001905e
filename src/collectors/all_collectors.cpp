// SPDX-License-Identifier: MIT
#include "all_collectors.hpp"

#include "cpu.hpp"
#include "disk.hpp"
#include "load.hpp"
#include "memory.hpp"
#include "network.hpp"
#include "system.hpp"

namespace vitalsd {

std::vector<std::unique_ptr<Collector>> make_all_collectors(const std::string& proc_root,
                                                            const std::string& sys_root) {
    std::vector<std::unique_ptr<Collector>> collectors;
    collectors.push_back(std::make_unique<CpuCollector>(proc_root));
    collectors.push_back(std::make_unique<MemoryCollector>(proc_root));
    collectors.push_back(std::make_unique<LoadCollector>(proc_root));
    collectors.push_back(std::make_unique<NetworkCollector>(proc_root));
    collectors.push_back(std::make_unique<DiskCollector>(proc_root, sys_root));
    collectors.push_back(std::make_unique<SystemCollector>(proc_root));
    return collectors;
}

}  // namespace vitalsd
