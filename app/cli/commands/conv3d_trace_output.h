#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace convscope::cli {

/// `conv-trace --op conv3d`: 3-D convolution (conv3d) traced step by step with conv::Conv3dTrace. conv-trace
/// hands its arguments here before it reads them as a 2-D request, because the 3-D options (shapes DxHxW,
/// values D,Y,X per axis) differ.

/// True when the arguments ask for --op conv3d (either "--op conv3d" or "--op=conv3d").
bool requestsConv3d(const std::vector<std::string>& args);

/// Runs the 3-D trace and writes text or --json to `out`. Throws UsageError for every command-line mistake.
int runConv3dTrace(const std::vector<std::string>& args, std::ostream& out);

/// The conv3d part of conv-trace's help text.
std::string conv3dHelp();

}  // namespace convscope::cli
