// SPDX-License-Identifier: MIT
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "child_process.hpp"

// Xlib's types, without Xlib's macros (None, Status, Bool...) leaking into the tests.
struct _XDisplay;
using XWindowId = unsigned long;

namespace vitalsd::test {

/// An Xvfb server of its own on a display number it picked itself (-displayfd), so that tests
/// never draw on a person's screen and never race another server for a number.
class VirtualDisplay {
public:
    /// Starts Xvfb (the XVFB environment variable names it) with one screen of the given size.
    /// Throws std::runtime_error when it does not start.
    VirtualDisplay(int width, int height);
    ~VirtualDisplay();
    VirtualDisplay(const VirtualDisplay&) = delete;
    VirtualDisplay& operator=(const VirtualDisplay&) = delete;

    /// ":N", for DISPLAY.
    const std::string& name() const { return name_; }

    /// Returns the mapped top-level window with this title, none when there is none yet.
    std::optional<XWindowId> find_window(const std::string& title);

    /// Returns whether the window is mapped (viewable).
    bool is_viewable(XWindowId window);

    /// Unmaps and maps a window from outside, as a window manager does when it minimizes and
    /// restores one.
    void unmap(XWindowId window);
    void map(XWindowId window);

    /// Asks the window to close the way a window manager's close button does: a
    /// WM_DELETE_WINDOW message.
    void request_close(XWindowId window);

    struct Image {
        int width = 0;
        int height = 0;
        std::vector<std::uint8_t> rgb;  ///< 3 bytes a pixel, row by row

        /// Returns the pixel's colour as 0xRRGGBB.
        std::uint32_t at(int x, int y) const;
    };

    /// Returns what the window shows now, read back from the server.
    Image capture(XWindowId window);

private:
    std::optional<Child> server_;
    std::string name_;
    _XDisplay* display_ = nullptr;
};

/// Writes an image as a PNG file. Throws std::runtime_error when it cannot.
void save_png(const VirtualDisplay::Image& image, const std::string& path);

}  // namespace vitalsd::test
