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

/// The Convolution panel's scenes (capture_scenes_conv.cpp) and all the others (capture_scenes.cpp).
void addConvolutionScenes(std::map<std::string, Scene>& scenes);
/// The Architecture panel's diagrams (capture_scenes_architecture.cpp; none without LibTorch).
void addArchitectureScenes(std::map<std::string, Scene>& scenes);
std::map<std::string, Scene> otherScenes();

}  // namespace convscope::tools
