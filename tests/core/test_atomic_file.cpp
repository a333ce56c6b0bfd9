#include "core/base/atomic_file.h"
#include "core/base/error.h"

#include "TestPaths.h"

#include <QtTest>
#include <filesystem>

namespace fs = std::filesystem;

class TestAtomicFile : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void writesAndReplaces() {
        QTemporaryDir dir;
        const fs::path path = testpaths::in(dir, "out.txt");
        esm::writeFileAtomically(path, std::string("first"));
        esm::writeFileAtomically(path, std::string("second"));
        QCOMPARE(esm::readFile(path), std::string("second"));
        QCOMPARE(std::distance(fs::directory_iterator(dir.path().toStdString()), fs::directory_iterator()),
                 1);
    }

    void failedWriteKeepsTheOldFile() {
        QTemporaryDir dir;
        const fs::path path = testpaths::in(dir, "keep.txt");
        esm::writeFileAtomically(path, std::string("precious"));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, esm::writeFileAtomically(path, [](std::ostream& out) {
                                     out << "half";
                                     throw std::runtime_error("interrupted");
                                 }));
        QCOMPARE(esm::readFile(path), std::string("precious"));
        QCOMPARE(std::distance(fs::directory_iterator(dir.path().toStdString()), fs::directory_iterator()),
                 1);
    }

    void missingFolderIsAClearError() {
        QTemporaryDir dir;
        ESMX_EXPECT_ERROR(esm::writeFileAtomically(testpaths::in(dir, "no/such/dir/x.pdb"), std::string("x")),
                          "does not exist");
        ESMX_EXPECT_ERROR(esm::readFile(testpaths::in(dir, "absent.pdb")), "cannot open");
    }

    void unwritableFolderIsAClearError() {
        // /proc refuses new files even to root.
        ESMX_EXPECT_ERROR(esm::writeFileAtomically("/proc/esmx-test.pdb", std::string("x")), "cannot write");
        if (geteuid() == 0)
            QSKIP("running as root: permissions do not stop writes");
        QTemporaryDir dir;
        const fs::path locked = testpaths::in(dir, "locked");
        fs::create_directory(locked);
        fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec);
        ESMX_EXPECT_ERROR(esm::writeFileAtomically(locked / "x.pdb", std::string("x")), "cannot write");
        fs::permissions(locked, fs::perms::owner_all);
    }
};

QTEST_APPLESS_MAIN(TestAtomicFile)
#include "test_atomic_file.moc"
