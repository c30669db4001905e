// SPDX-License-Identifier: MIT
#include "all_collectors.hpp"

#include "application_figures.hpp"
#include "cpu.hpp"
#include "cpu_frequency.hpp"
#include "cpu_time.hpp"
#include "disk.hpp"
#include "fan.hpp"
#include "filesystem.hpp"
#include "load.hpp"
#include "memory.hpp"
#include "network.hpp"
#include "power.hpp"
#include "pressure.hpp"
#include "rapl.hpp"
#include "system.hpp"
#include "temperature.hpp"

namespace vitalsd {

std::vector<std::unique_ptr<Collector>> make_all_collectors(const std::string& proc_root,
                                                            const std::string& sys_root,
                                                            const Clock& clock) {
    std::vector<std::unique_ptr<Collector>> collectors;
    collectors.push_back(std::make_unique<CpuCollector>(proc_root));
    collectors.push_back(std::make_unique<CpuTimeCollector>(proc_root));
    collectors.push_back(std::make_unique<MemoryCollector>(proc_root));
    collectors.push_back(std::make_unique<LoadCollector>(proc_root));
    collectors.push_back(std::make_unique<PressureCollector>(proc_root, clock));
    collectors.push_back(std::make_unique<NetworkCollector>(proc_root));
    collectors.push_back(std::make_unique<DiskCollector>(proc_root, sys_root));
    collectors.push_back(std::make_unique<SystemCollector>(proc_root));
    collectors.push_back(std::make_unique<FileSystemCollector>(proc_root));
    collectors.push_back(std::make_unique<TemperatureCollector>(sys_root, clock));
    collectors.push_back(std::make_unique<FanCollector>(sys_root, clock));
    collectors.push_back(std::make_unique<PowerCollector>(sys_root));
    collectors.push_back(std::make_unique<RaplCollector>(sys_root));
    collectors.push_back(std::make_unique<CpuFrequencyCollector>(sys_root, clock));
    for (auto& collector : make_application_collectors(proc_root, sys_root, clock)) {
        collectors.push_back(std::move(collector));
    }
    return collectors;
}

}  // namespace vitalsd
