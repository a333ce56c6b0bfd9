// Where tests find their data: tests/data in the source tree, and ../shared beside the checkout
// for data that must not be copied into the project (tests that need it skip visibly without it).
#pragma once

#include <QDir>
#include <QFile>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <filesystem>
#include <string>

namespace testpaths {

inline std::filesystem::path data(const std::string& relative) {
    return std::filesystem::path(ESMX_TEST_DATA) / relative;
}

inline std::filesystem::path shared(const std::string& relative) {
    return std::filesystem::path(ESMX_SHARED_DIR) / relative;
}

inline bool sharedExists(const std::string& relative) {
    return std::filesystem::exists(shared(relative));
}

inline std::filesystem::path in(const QTemporaryDir& dir, const std::string& name) {
    return std::filesystem::path(dir.path().toStdString()) / name;
}

// Writes a small input file a test makes up; false when it cannot (for QVERIFY).
inline bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// The non-empty lines of a text file a command wrote; empty when it cannot be read.
inline QStringList readLines(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll()).split('\n', Qt::SkipEmptyParts);
}

} // namespace testpaths

// Runs `statement` and checks it throws esm::Error whose message contains `fragment`.
#define ESMX_EXPECT_ERROR(statement, fragment)                                                               \
    do {                                                                                                     \
        bool thrown_ = false;                                                                                \
        try {                                                                                                \
            statement;                                                                                       \
        } catch (const esm::Error& e_) {                                                                     \
            thrown_ = true;                                                                                  \
            if (!QString::fromStdString(e_.what()).contains(QString::fromUtf8(fragment)))                    \
                QFAIL(qPrintable(QString("error message '%1' lacks '%2'").arg(e_.what(), fragment)));        \
        }                                                                                                    \
        if (!thrown_)                                                                                        \
            QFAIL("expected esm::Error containing: " fragment);                                              \
    } while (0)
