#include <csignal>
#include <exception>
#include <iostream>
#include <new>
#include <string>
#include <vector>

#include "app/cli/cli_application.h"
#include "app/cli/parsing/usage_error.h"
#ifdef CONVSCOPE_CLI_IMAGING
#include <opencv2/core/utils/logger.hpp>

#include "core/imaging/image_loader.h"
#endif

namespace {

// The promise to scripts: an error is exactly one line on stderr.
int fail(int status, std::string message) {
    for (char& c : message) {
        if (c == '\n' || c == '\r') c = ' ';
    }
    while (!message.empty() && message.back() == ' ') message.pop_back();
    std::cerr << "convscope-cli: error: " << message << std::endl;
    return status;
}

}  // namespace

int main(int argc, char* argv[]) {
    // A file size limit (ulimit -f) makes a write fail with EFBIG, reported like a full disk, rather than
    // kill the process mid-save with SIGXFSZ.
    std::signal(SIGXFSZ, SIG_IGN);
#ifdef CONVSCOPE_CLI_IMAGING
    convscope::imaging::installDecoderLimits(convscope::imaging::ImageLimits{});
    // OpenCV's own warnings ("imdecode_(): can't read data ...") would add lines to a failure's report.
    cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_SILENT);
#endif
    try {
        const std::vector<std::string> args(argv + 1, argv + argc);
        convscope::cli::CliApplication application;
        const int status = application.run(args, std::cout);
        std::cout.flush();
        if (!std::cout) return fail(1, "could not write the report to standard output");
        return status;
    } catch (const convscope::cli::UsageError& e) {
        return fail(2, e.what());
    } catch (const std::bad_alloc&) {
        return fail(1, "not enough memory");
    } catch (const std::exception& e) {
        return fail(1, e.what());
    } catch (...) {
        return fail(1, "unexpected internal error");
    }
}
