// Downloads a model from the HuggingFace hub (or $HF_ENDPOINT) into the HuggingFace cache layout,
// so Python tools see it too: lists the repository, fetches only what the loader needs, resumes a
// partial file with an HTTP Range request, checks each file against the hub's SHA-256 (LFS) or
// git blob id, and links it into the snapshot only when complete and verified. A private or gated
// repository is asked with the user's token ($HF_TOKEN or the saved one), sent to the endpoint's
// own host only: redirects elsewhere (the hub's file CDN) go without it, and only HTTP(S) ones are
// followed. Every name the hub gives must resolve inside the repository's cache folder.
#pragma once

#include "core/base/progress.h"
#include "core/hub/repo_files.h"

#include <QFile>
#include <QObject>

#include <QString>
#include <filesystem>

#include <memory>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;
class QUrl;

namespace esmui {

struct DownloadRequest {
    QString repo;
    QString revision = "main";
    QString endpoint;      // empty: $HF_ENDPOINT or https://huggingface.co
    QString cacheRoot;     // empty: the HuggingFace cache
    QString token;         // empty: $HF_TOKEN or the saved token
    int timeoutMs = 30000; // without any data
};

class HubDownloader : public QObject {
    Q_OBJECT
  public:
    explicit HubDownloader(QObject* parent = nullptr);
    ~HubDownloader() override;

    void start(const DownloadRequest& request);
    // Stops; a partial file stays to be resumed by the next start.
    void cancel();
    bool isRunning() const { return m_reply != nullptr; }

  Q_SIGNALS:
    void progress(qint64 done, qint64 total, double bytesPerSecond, const QString& file);
    void finished(const QString& snapshotFolder);
    void failed(const QString& message);
    void cancelled();

  private:
    void onListing();
    void nextFile();
    void downloadOrLinkNext();
    void onFileData();
    void onFileFinished();
    void fail(const QString& message);
    QString describeFailure(QNetworkReply* reply, const QString& what) const;
    QNetworkReply* get(const QUrl& url, qint64 from = 0);
    static bool isRedirect(QNetworkReply* reply);
    // Follows m_reply's redirect with a new request; the reason when it is refused.
    std::optional<QString> followRedirect(void (HubDownloader::*onFinished)(), bool streams);
    QString repoFolder() const;
    // repoFolder()/relative, cleaned; esm::Error when it would lie outside.
    QString inRepoFolder(const std::filesystem::path& relative) const;

    QNetworkAccessManager* m_network;
    DownloadRequest m_request;
    QNetworkReply* m_reply = nullptr;
    esm::RepoSnapshot m_snapshot;
    std::vector<esm::RepoFile> m_files;
    std::size_t m_next = 0;
    QFile m_partial;
    qint64 m_total = 0, m_done = 0;
    qint64 m_fileStart = 0; // bytes of the current file already there when its request went out
    qint64 m_rateBytes = 0;
    qint64 m_rateStartMs = 0;
    bool m_cancelling = false;
    bool m_oversized = false;
    qint64 m_from = 0; // the Range start of the current request, kept across redirects
    int m_redirects = 0;
};

// For the CLI: downloads while running a local event loop; progress and cancel through `progress`.
// Returns the snapshot folder; throws esm::Error (or esm::Cancelled).
QString downloadModel(const DownloadRequest& request, const esm::Progress& progress);

} // namespace esmui
