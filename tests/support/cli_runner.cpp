#include "tests/support/cli_runner.h"

#include <QProcess>

namespace clitest {

Result runCli(const QStringList& args, int timeoutMs) {
    QProcess process;
    process.start(QStringLiteral(CONVSCOPE_BINARY_DIR "/app/cli/convscope-cli"), args);
    Result result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        result.err = QStringLiteral("timed out");
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

}  // namespace clitest
