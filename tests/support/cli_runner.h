#pragma once

#include <QString>
#include <QStringList>

namespace clitest {

/// What one run of convscope-cli left behind.
struct Result {
    int exitCode = -1;  ///< -1: did not finish in time; -2: crashed
    QString out;
    QString err;
};

/// Runs the built convscope-cli with `args` and waits for it (at most `timeoutMs`, then it is killed). The
/// default is generous: `zoo --json` takes a minute alone and several on a loaded machine (ctest -j3).
Result runCli(const QStringList& args, int timeoutMs = 300000);

}  // namespace clitest
