// Getting models: the HuggingFace cache layout, downloads from a fake hub on 127.0.0.1 (resume,
// checksums, HTTP errors, timeouts, tokens), and the CLI's models command and repo ids.
#include "core/base/error.h"
#include "core/hub/hf_cache.h"
#include "core/pipeline/language_model.h"
#include "ui/services/hub/HubDownloader.h"
#include "ui/services/hub/ModelLocator.h"

#include "CliRunner.h"
#include "FakeHub.h"
#include "TestPaths.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QtTest>

#include <fstream>

namespace fs = std::filesystem;

namespace {

const QString kRepo = "facebook/esm2_tiny_test";

QString fixture(const char* name) {
    return QString::fromStdString(testpaths::data(name).string());
}

esmui::DownloadRequest requestFor(const FakeHub& hub, const QTemporaryDir& cache,
                                  const QString& repo = kRepo) {
    esmui::DownloadRequest r;
    r.repo = repo;
    r.endpoint = hub.endpoint();
    r.cacheRoot = cache.path();
    r.token = "none";
    r.timeoutMs = 2000;
    return r;
}

// Runs a download, returning the folder or the error message.
std::pair<QString, QString> download(const esmui::DownloadRequest& request) {
    try {
        return {esmui::downloadModel(request, esm::Progress::none()), {}};
    } catch (const esm::Error& e) {
        return {{}, QString::fromStdString(e.what())};
    }
}

} // namespace

class TestHub : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void cacheLayout() {
        QVERIFY(esm::isRepoId("facebook/esm2_t6_8M_UR50D"));
        QVERIFY(!esm::isRepoId("/tmp/model"));
        QVERIFY(!esm::isRepoId("facebook"));
        QCOMPARE(esm::repoCacheFolder("/c", "facebook/esmfold_v1"),
                 fs::path("/c/models--facebook--esmfold_v1"));
    }

    void aPrefilledCacheIsFoundWithoutNetwork() {
        // As huggingface_hub leaves it: blobs, a snapshot of links, refs/main.
        QTemporaryDir cache;
        const fs::path repo = esm::repoCacheFolder(cache.path().toStdString(), "facebook/esm2_t6_8M_UR50D");
        const fs::path snapshot = repo / "snapshots" / "abc123";
        fs::create_directories(repo / "blobs");
        fs::create_directories(snapshot);
        fs::create_directories(repo / "refs");
        for (const char* name : {"config.json", "model.safetensors", "vocab.txt"}) {
            fs::copy_file(testpaths::data(std::string("esm2_tiny/") + name),
                          repo / "blobs" / (std::string("h_") + name));
            fs::create_symlink(fs::path("../../blobs") / (std::string("h_") + name), snapshot / name);
        }
        std::ofstream(repo / "refs" / "main") << "abc123";
        qputenv("HF_HUB_CACHE", cache.path().toUtf8());
        qputenv("HF_ENDPOINT", "http://127.0.0.1:9"); // nothing listens there: any network use would fail
        const QString folder = esmui::locateModel("facebook/esm2_t6_8M_UR50D", true);
        QCOMPARE(folder.toStdString(), snapshot.string());
        QCOMPARE(esmui::locateModel("facebook/esm2_t6_8M_UR50D@abc123", false).toStdString(),
                 snapshot.string());
        const auto listed = esm::listCachedModels(cache.path().toStdString());
        QCOMPARE(listed.size(), std::size_t(1));
        QCOMPARE(listed[0].repo, std::string("facebook/esm2_t6_8M_UR50D"));
        QVERIFY(listed[0].bytes >
                fs::file_size(testpaths::data("esm2_tiny/model.safetensors"))); // links count
        ESMX_EXPECT_ERROR(esmui::locateModel("facebook/esm2_t12_35M_UR50D", false), "add --download");
        const auto model = esm::LanguageModel::load(folder.toStdString(), {});
        QCOMPARE(model->info().architecture, std::string("EsmForMaskedLM"));
        qunsetenv("HF_HUB_CACHE");
        qunsetenv("HF_ENDPOINT");
    }

    void downloadsIntoTheCacheAndLoads() {
        FakeHub hub;
        hub.addRepo(kRepo, fixture("esm2_tiny"));
        QTemporaryDir cache;
        std::vector<std::pair<std::int64_t, std::int64_t>> steps;
        const esm::Progress progress{[&](std::int64_t done, std::int64_t total, const std::string&) {
                                         steps.emplace_back(done, total);
                                     },
                                     nullptr};
        QString folder;
        try {
            folder = esmui::downloadModel(requestFor(hub, cache), progress);
        } catch (const esm::Error& e) {
            QFAIL(e.what());
        }
        QVERIFY(folder.endsWith("/snapshots/" + FakeHub::commit()));
        QVERIFY(!steps.empty() && steps.back().first == steps.back().second);
        // Only what the loader needs, linked to blobs named by their hash, with refs/main.
        QStringList names = QDir(folder).entryList(QDir::Files);
        names.sort();
        QCOMPARE(names, (QStringList{"config.json", "model.safetensors", "special_tokens_map.json",
                                     "tokenizer_config.json", "vocab.txt"}));
        QVERIFY(QFileInfo(folder + "/model.safetensors").isSymLink());
        QVERIFY(QFileInfo(folder + "/model.safetensors").symLinkTarget().contains("/blobs/"));
        const auto snapshot = esm::cachedSnapshot(cache.path().toStdString(), kRepo.toStdString());
        QVERIFY(snapshot && snapshot->string() == folder.toStdString());
        const auto model = esm::LanguageModel::load(folder.toStdString(), {});
        QCOMPARE(model->forward({model->encode("MKTAYIAK")}, {}).front().logits.shape[0], std::int64_t(10));
        // A second download finds everything there and fetches no file again.
        const int before = hub.requests().size();
        QCOMPARE(download(requestFor(hub, cache)).first, folder);
        QCOMPARE(hub.requests().size(), before + 1); // the listing only
    }

    void anInterruptedDownloadResumes() {
        FakeHub hub;
        hub.addRepo(kRepo, fixture("esm2_tiny"));
        hub.setFaults({0, false, "model.safetensors", {}, {}});
        QTemporaryDir cache;
        const auto [folder, error] = download(requestFor(hub, cache));
        QVERIFY(folder.isEmpty());
        QVERIFY2(error.contains("model.safetensors"), qPrintable(error));
        hub.setFaults({});
        const auto [resumed, again] = download(requestFor(hub, cache));
        QVERIFY2(!resumed.isEmpty(), qPrintable(again));
        bool ranged = false;
        for (const QString& r : hub.requests())
            ranged = ranged || (r.contains("model.safetensors") && r.contains("bytes="));
        QVERIFY(ranged); // it asked for the rest, not the whole file
        QVERIFY(esm::LanguageModel::load(resumed.toStdString(), {}) != nullptr);
    }

    void aCorruptFileIsNotInstalled() {
        FakeHub hub;
        hub.addRepo(kRepo, fixture("esm2_tiny"));
        hub.setFaults({0, false, {}, "model.safetensors", {}});
        QTemporaryDir cache;
        const auto [folder, error] = download(requestFor(hub, cache));
        QVERIFY(folder.isEmpty());
        QVERIFY2(error.contains("model.safetensors failed its checksum"), qPrintable(error));
        const fs::path blobs =
            esm::repoCacheFolder(cache.path().toStdString(), kRepo.toStdString()) / "blobs";
        for (const auto& entry : fs::directory_iterator(blobs))
            QVERIFY(entry.file_size() < 100000); // only the small files; no weights, not even partial
        QVERIFY(!esm::cachedSnapshot(cache.path().toStdString(), kRepo.toStdString()));
    }

    void serverFailuresAreExplained() {
        FakeHub hub;
        hub.addRepo(kRepo, fixture("esm2_tiny"));
        QTemporaryDir cache;
        QVERIFY(download(requestFor(hub, cache, "facebook/absent")).second.contains("was not found"));
        hub.setFaults({500, false, {}, {}, {}});
        QVERIFY(download(requestFor(hub, cache)).second.contains("answered HTTP 500"));
        hub.setFaults({0, true, {}, {}, {}});
        auto request = requestFor(hub, cache);
        request.timeoutMs = 700;
        const QString timeout = download(request).second;
        QVERIFY2(timeout.contains("no answer from"), qPrintable(timeout));
        QVERIFY(download(requestFor(hub, cache, "not a repo"))
                    .second.contains("not a HuggingFace repository id"));
        esmui::DownloadRequest refused = requestFor(hub, cache);
        refused.endpoint = "http://127.0.0.1:9";
        QVERIFY(download(refused).second.contains("cannot reach"));
    }

    void hubNamesCannotLeaveTheCache() {
        FakeHub hub;
        hub.addRepo(kRepo, fixture("esm2_tiny"));
        QTemporaryDir cache, outside;
        // A victim's files beside the cache, which a hostile listing tries to reach.
        const QString victim = outside.filePath("victim");
        QVERIFY(QDir().mkpath(victim));
        QVERIFY(testpaths::writeFile(victim + "/config.json", "mine"));
        auto setSha = [&](const QString& sha) {
            FakeHub::Faults faults;
            faults.editListing = [sha](QJsonObject& listing) { listing["sha"] = sha; };
            hub.setFaults(faults);
        };
        setSha("../../../../" + QDir(cache.path()).relativeFilePath(victim));
        QString error = download(requestFor(hub, cache)).second;
        QVERIFY2(error.contains("not a 40-digit commit id"), qPrintable(error));
        QCOMPARE(QFileInfo(victim + "/config.json").isSymLink(), false);
        QFile mine(victim + "/config.json");
        QVERIFY(mine.open(QIODevice::ReadOnly) && mine.readAll() == "mine");

        // Blob names from the listing: a path, or no hash at all.
        for (const QString& bad : {QString("../../../../etc/passwd"), QString()}) {
            FakeHub::Faults faults;
            faults.editListing = [bad](QJsonObject& listing) {
                QJsonArray siblings = listing["siblings"].toArray();
                for (auto item : siblings) {
                    QJsonObject file = item.toObject();
                    if (file["rfilename"] == "config.json") {
                        file["blobId"] = bad;
                        item = file;
                    }
                }
                listing["siblings"] = siblings;
            };
            hub.setFaults(faults);
            error = download(requestFor(hub, cache)).second;
            QVERIFY2(error.contains("config.json no valid git blob id"), qPrintable(error));
        }
        FakeHub::Faults lfs;
        lfs.editListing = [](QJsonObject& listing) {
            QJsonArray siblings = listing["siblings"].toArray();
            for (auto item : siblings) {
                QJsonObject file = item.toObject();
                if (file.contains("lfs")) {
                    QJsonObject pointer = file["lfs"].toObject();
                    pointer["sha256"] = "../../outside";
                    file["lfs"] = pointer;
                    item = file;
                }
            }
            listing["siblings"] = siblings;
        };
        hub.setFaults(lfs);
        QVERIFY(download(requestFor(hub, cache)).second.contains("no valid SHA-256"));
        // A revision that climbs out of refs/.
        hub.setFaults({});
        auto request = requestFor(hub, cache);
        request.revision = "../../../escape";
        QVERIFY(download(request).second.contains("is not a branch, tag or commit name"));
        QVERIFY(fs::is_empty(outside.path().toStdString() + "/victim") == false);
        QCOMPARE(QDir(outside.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries),
                 QStringList{"victim"});
    }

    void theTokenStaysWithTheHubAndFilesStayTheirSize() {
        FakeHub hub;
        hub.addRepo(kRepo, fixture("esm2_tiny"));
        QTemporaryDir cache;
        // Files redirected to another host (as the hub sends them to its CDN): followed, without the token.
        FakeHub::Faults faults;
        faults.redirectFilesTo = QString(hub.endpoint()).replace("127.0.0.1", "localhost");
        hub.setFaults(faults);
        auto request = requestFor(hub, cache);
        request.token = "secret";
        const auto [folder, error] = download(request);
        QVERIFY2(!folder.isEmpty(), qPrintable(error));
        int toCdn = 0;
        for (const auto& [path, authorization] : hub.authorizations()) {
            if (path.startsWith("/cdn/")) {
                ++toCdn;
                QVERIFY2(authorization.isEmpty(), qPrintable("token sent to the other host for " + path));
            } else {
                QCOMPARE(authorization, QByteArray("Bearer secret"));
            }
        }
        QVERIFY(toCdn >= 5);
        QVERIFY(esm::LanguageModel::load(folder.toStdString(), {}) != nullptr);

        // Only HTTP(S) redirects are followed.
        QTemporaryDir other;
        faults.redirectFilesTo = "file:///etc";
        hub.setFaults(faults);
        const QString refused = download(requestFor(hub, other)).second;
        QVERIFY2(refused.contains("refused a redirect to file:///etc/cdn/"), qPrintable(refused));

        // A file longer than the listing says is cut off and discarded, not streamed to disk.
        QTemporaryDir third;
        FakeHub::Faults big;
        big.oversizeFile = "model.safetensors";
        hub.setFaults(big);
        const QString oversized = download(requestFor(hub, third)).second;
        QVERIFY2(oversized.contains("more than the") && oversized.contains("bytes its listing announced"),
                 qPrintable(oversized));
        const fs::path blobs =
            esm::repoCacheFolder(third.path().toStdString(), kRepo.toStdString()) / "blobs";
        for (const auto& entry : fs::directory_iterator(blobs))
            QVERIFY(entry.file_size() < 800000);
    }

    void gatedReposNeedTheToken() {
        FakeHub hub;
        hub.addRepo(kRepo, fixture("esm2_tiny"));
        hub.setFaults({0, false, {}, {}, "secret"});
        QTemporaryDir cache;
        QVERIFY(download(requestFor(hub, cache)).second.contains("private or gated"));
        auto request = requestFor(hub, cache);
        request.token = "secret";
        QVERIFY(!download(request).first.isEmpty());
    }

    void theCliDownloadsAndTakesRepoIds() {
        FakeHub hub;
        hub.addRepo(kRepo, fixture("esm2_tiny"));
        QTemporaryDir cache;
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert("HF_ENDPOINT", hub.endpoint());
        env.insert("HF_HUB_CACHE", cache.path());
        env.insert("HF_TOKEN", "none");
        auto r = clirunner::run("esmx", {"models", "path", kRepo}, 60000, env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("esmx models download"));
        r = clirunner::run(
            "esmx", {"heatmap", "--model", kRepo, "--sequence", "MKTAYIAK", "--out", cache.filePath("h.csv")},
            60000, env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("add --download"));
        r = clirunner::run("esmx",
                           {"heatmap", "--model", kRepo, "--download", "--sequence", "MKTAYIAK", "--out",
                            cache.filePath("h.csv")},
                           60000, env);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(QFileInfo(cache.filePath("h.csv")).size() > 1000);
        r = clirunner::run("esmx", {"models", "path", kRepo}, 60000, env);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.trimmed().endsWith(FakeHub::commit()));
        r = clirunner::run("esmx", {"models", "list"}, 60000, env);
        QVERIFY(r.out.contains(kRepo) && r.out.contains("facebook/esmfold_v1"));
        r = clirunner::run("esmx", {"models", "download", "facebook/absent"}, 60000, env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("was not found"));
    }
};

QTEST_GUILESS_MAIN(TestHub)
#include "test_hub.moc"
