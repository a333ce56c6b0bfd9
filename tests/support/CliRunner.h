// Runs the project's programs as a user would, capturing exit status and output.
#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QtTest>

namespace clirunner {

struct Result {
    int exitCode = -1;
    QString out, err;
};

inline QString program(const QString& name) {
    return QStringLiteral(ESMX_BINARY_DIR) + "/bin/" + name;
}

inline Result run(const QString& name, const QStringList& arguments, int timeoutMs = 300000,
                  const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment()) {
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program(name), arguments);
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return {-2, QString::fromUtf8(process.readAllStandardOutput()), "timed out"};
    }
    Result result{process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -3,
                  QString::fromUtf8(process.readAllStandardOutput()),
                  QString::fromUtf8(process.readAllStandardError())};
    return result;
}

inline Result esmx(const QStringList& arguments, int timeoutMs = 300000) {
    return run("esmx", arguments, timeoutMs);
}

} // namespace clirunner
