#pragma once
// The scenes capture_screens puts the main window into (capture_scenes.cpp), by the names its command line
// takes.
#include <functional>
#include <map>
#include <string>

namespace convscope::gui {
class MainWindow;
}

namespace convscope::tools {

/// Puts a freshly started window (showing the textbook image) into its scene; the caller grabs it after.
using Scene = std::function<void(gui::MainWindow&)>;

/// Every scene, by name ("filters", "conv-default", "imported-features", …).
const std::map<std::string, Scene>& scenes();

}  // namespace convscope::tools
