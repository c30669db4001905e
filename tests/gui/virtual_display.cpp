// SPDX-License-Identifier: MIT
#include "virtual_display.hpp"

#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <fcntl.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>

#include "child_process.hpp"
#include "private_bus.hpp"

namespace vitalsd::test {

VirtualDisplay::VirtualDisplay(int width, int height) {
    int display_pipe[2];
    if (::pipe2(display_pipe, O_CLOEXEC) != 0) {
        throw std::runtime_error("pipe failed");
    }
    const std::string screen = std::to_string(width) + "x" + std::to_string(height) + "x24";
    server_.emplace(std::vector<std::string>{env_or_fail("XVFB"), "-displayfd", "3", "-screen", "0",
                                             screen, "-nolisten", "tcp"},
                    ChildOptions{.out = ChildOptions::Stream::File,
                                 .err = ChildOptions::Stream::File,
                                 .file = "/dev/null",
                                 .fd3 = display_pipe[1],
                                 .die_with_parent = true});
    ::close(display_pipe[1]);
    std::string number;
    char c;
    while (::read(display_pipe[0], &c, 1) == 1 && c != '\n') {
        number += c;
    }
    ::close(display_pipe[0]);
    if (number.empty()) {
        throw std::runtime_error("Xvfb did not start");
    }
    name_ = ":" + number;
    display_ = XOpenDisplay(name_.c_str());
    if (display_ == nullptr) {
        throw std::runtime_error("cannot open display " + name_);
    }
}

VirtualDisplay::~VirtualDisplay() {
    if (display_ != nullptr) {
        XCloseDisplay(display_);
    }
    server_->kill(SIGTERM);
    server_->wait(5s);
}

std::optional<XWindowId> VirtualDisplay::find_window(const std::string& title) {
    ::Window root = DefaultRootWindow(display_), parent = 0, *children = nullptr;
    unsigned count = 0;
    std::optional<XWindowId> found;
    if (XQueryTree(display_, root, &root, &parent, &children, &count) == 0) {
        return found;
    }
    for (unsigned i = 0; i < count && !found; ++i) {
        char* name = nullptr;
        if (XFetchName(display_, children[i], &name) != 0 && name != nullptr) {
            if (title == name && is_viewable(children[i])) {
                found = children[i];
            }
            XFree(name);
        }
    }
    XFree(children);
    return found;
}

bool VirtualDisplay::is_viewable(XWindowId window) {
    XWindowAttributes attributes{};
    return XGetWindowAttributes(display_, window, &attributes) != 0 &&
           attributes.map_state == IsViewable;
}

void VirtualDisplay::unmap(XWindowId window) {
    XUnmapWindow(display_, window);
    XFlush(display_);
}

void VirtualDisplay::map(XWindowId window) {
    XMapWindow(display_, window);
    XFlush(display_);
}

void VirtualDisplay::request_close(XWindowId window) {
    XEvent event{};
    event.xclient.type = ClientMessage;
    event.xclient.window = window;
    event.xclient.message_type = XInternAtom(display_, "WM_PROTOCOLS", False);
    event.xclient.format = 32;
    event.xclient.data.l[0] = static_cast<long>(XInternAtom(display_, "WM_DELETE_WINDOW", False));
    event.xclient.data.l[1] = CurrentTime;
    XSendEvent(display_, window, False, NoEventMask, &event);
    XFlush(display_);
}

std::uint32_t VirtualDisplay::Image::at(int x, int y) const {
    const auto* p = &rgb[(static_cast<std::size_t>(y) * width + x) * 3];
    return static_cast<std::uint32_t>(p[0]) << 16 | static_cast<std::uint32_t>(p[1]) << 8 | p[2];
}

VirtualDisplay::Image VirtualDisplay::capture(XWindowId window) {
    XWindowAttributes attributes{};
    if (XGetWindowAttributes(display_, window, &attributes) == 0) {
        throw std::runtime_error("no such window");
    }
    XImage* shot =
        XGetImage(display_, window, 0, 0, attributes.width, attributes.height, AllPlanes, ZPixmap);
    if (shot == nullptr) {
        throw std::runtime_error("XGetImage failed");
    }
    Image image;
    image.width = attributes.width;
    image.height = attributes.height;
    image.rgb.reserve(static_cast<std::size_t>(image.width) * image.height * 3);
    for (int y = 0; y < image.height; ++y) {
        for (int x = 0; x < image.width; ++x) {
            const unsigned long pixel = XGetPixel(shot, x, y);
            // A 24-bit TrueColor visual, as Xvfb's screen was made.
            image.rgb.push_back(static_cast<std::uint8_t>((pixel & shot->red_mask) >> 16));
            image.rgb.push_back(static_cast<std::uint8_t>((pixel & shot->green_mask) >> 8));
            image.rgb.push_back(static_cast<std::uint8_t>(pixel & shot->blue_mask));
        }
    }
    XDestroyImage(shot);
    return image;
}

void save_png(const VirtualDisplay::Image& image, const std::string& path) {
    GdkPixbuf* pixbuf =
        gdk_pixbuf_new_from_data(image.rgb.data(), GDK_COLORSPACE_RGB, FALSE, 8, image.width,
                                 image.height, image.width * 3, nullptr, nullptr);
    GError* error = nullptr;
    const bool saved = gdk_pixbuf_save(pixbuf, path.c_str(), "png", &error, nullptr);
    g_object_unref(pixbuf);
    if (!saved) {
        const std::string why = error != nullptr ? error->message : "unknown error";
        g_clear_error(&error);
        throw std::runtime_error("cannot write " + path + ": " + why);
    }
}

}  // namespace vitalsd::test
