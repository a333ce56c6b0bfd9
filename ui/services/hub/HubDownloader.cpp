#include "ui/services/hub/HubDownloader.h"

#include "core/base/atomic_file.h"
#include "core/base/byte_size.h"
#include "core/base/error.h"
#include "core/hub/hf_cache.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QStorageInfo>
#include <QTimer>

#include <filesystem>
#include <utility>

namespace esmui {
namespace {

constexpr qint64 kDiskMargin = 100 * 1000 * 1000; // kept free beyond the download itself
constexpr int kMaxRedirects = 10;

QString sizeText(qint64 bytes) {
    return QString::fromStdString(esm::byteSizeText(double(bytes), 2));
}

QString blobName(const esm::RepoFile& file) {
    return QString::fromStdString(file.sha256 ? *file.sha256 : file.blobId);
}

// SHA-256 for LFS files; else the git blob id: SHA-1 of "blob SIZE\0" followed by the content.
QString digestOf(QFile& file, const esm::RepoFile& expected) {
    file.seek(0);
    QCryptographicHash hash(expected.sha256 ? QCryptographicHash::Sha256 : QCryptographicHash::Sha1);
    if (!expected.sha256)
        hash.addData(QByteArray("blob ") + QByteArray::number(file.size()) + QByteArray(1, '\0'));
    hash.addData(&file);
    return QString::fromLatin1(hash.result().toHex());
}

// A branch, tag or commit as the hub names them ("main", "v1.0", "refs/pr/1"): no empty, "." or
// ".." level, so that refs/REVISION stays inside the cache.
bool isRevision(const QString& revision) {
    static const QRegularExpression allowed("^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$");
    if (!allowed.match(revision).hasMatch())
        return false;
    for (const QString& level : revision.split('/'))
        if (level == "." || level == "..")
            return false;
    return true;
}

} // namespace

HubDownloader::HubDownloader(QObject* parent) : QObject(parent), m_network(new QNetworkAccessManager(this)) {}

HubDownloader::~HubDownloader() {
    cancel();
}

QNetworkReply* HubDownloader::get(const QUrl& url, qint64 from) {
    QNetworkRequest request{url};
    request.setTransferTimeout(m_request.timeoutMs);
    // Redirects are followed by hand (followRedirect): the token must not travel to another host.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setHeader(QNetworkRequest::UserAgentHeader, "esm-explorer");
    const QUrl endpoint(m_request.endpoint);
    if (!m_request.token.isEmpty() && url.scheme() == endpoint.scheme() && url.host() == endpoint.host() &&
        url.port(url.scheme() == "https" ? 443 : 80) ==
            endpoint.port(endpoint.scheme() == "https" ? 443 : 80))
        request.setRawHeader("Authorization", "Bearer " + m_request.token.toUtf8());
    if (from > 0)
        request.setRawHeader("Range", "bytes=" + QByteArray::number(from) + "-");
    m_from = from;
    return m_network->get(request);
}

bool HubDownloader::isRedirect(QNetworkReply* reply) {
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    return status >= 300 && status < 400 &&
           reply->attribute(QNetworkRequest::RedirectionTargetAttribute).isValid();
}

std::optional<QString> HubDownloader::followRedirect(void (HubDownloader::*onFinished)(), bool streams) {
    const QUrl target =
        m_reply->url().resolved(m_reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl());
    if (target.scheme() != "https" && target.scheme() != "http")
        return tr("refused a redirect to %1 (only HTTP and HTTPS are followed)").arg(target.toString());
    if (++m_redirects > kMaxRedirects)
        return tr("more than %1 redirects from %2").arg(kMaxRedirects).arg(m_request.endpoint);
    m_reply->deleteLater();
    m_reply = get(target, m_from);
    if (streams)
        connect(m_reply, &QNetworkReply::readyRead, this, &HubDownloader::onFileData);
    connect(m_reply, &QNetworkReply::finished, this, onFinished);
    return std::nullopt;
}

QString HubDownloader::repoFolder() const {
    return QString::fromStdString(
        esm::repoCacheFolder(m_request.cacheRoot.toStdString(), m_request.repo.toStdString()).string());
}

QString HubDownloader::inRepoFolder(const std::filesystem::path& relative) const {
    // Names come from the hub and the user: resolved, they must stay inside the repo's cache folder.
    const QString folder = QDir::cleanPath(repoFolder());
    const QString path = QDir::cleanPath(folder + "/" + QString::fromStdString(relative.string()));
    if (!path.startsWith(folder + "/"))
        throw esm::Error(
            tr("refused to write %1: outside the cache folder %2").arg(path, folder).toStdString());
    return path;
}

void HubDownloader::start(const DownloadRequest& request) {
    if (m_reply)
        return;
    m_request = request;
    if (m_request.endpoint.isEmpty())
        m_request.endpoint = QString::fromStdString(esm::huggingFaceEndpoint());
    if (m_request.cacheRoot.isEmpty())
        m_request.cacheRoot = QString::fromStdString(esm::huggingFaceCacheRoot().string());
    if (m_request.token.isEmpty())
        m_request.token = QString::fromStdString(esm::huggingFaceToken());
    m_cancelling = false;
    m_redirects = 0;
    if (!esm::isRepoId(m_request.repo.toStdString())) {
        QTimer::singleShot(0, this, [this] {
            fail(tr("'%1' is not a HuggingFace repository id (OWNER/NAME)").arg(m_request.repo));
        });
        return;
    }
    if (!isRevision(m_request.revision)) {
        QTimer::singleShot(0, this, [this] {
            fail(tr("'%1' is not a branch, tag or commit name").arg(m_request.revision));
        });
        return;
    }
    m_reply = get(QUrl(m_request.endpoint + "/api/models/" + m_request.repo + "/revision/" +
                       m_request.revision + "?blobs=true"));
    connect(m_reply, &QNetworkReply::finished, this, &HubDownloader::onListing);
}

void HubDownloader::cancel() {
    if (!m_reply)
        return;
    m_cancelling = true;
    m_reply->abort();
}

QString HubDownloader::describeFailure(QNetworkReply* reply, const QString& what) const {
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 401 || status == 403)
        return tr("%1 is private or gated: accept its terms on the hub and give a token (set HF_TOKEN, or "
                  "log in "
                  "with huggingface-cli login)")
            .arg(m_request.repo);
    if (status == 404)
        return tr("%1 was not found at %2 (%3)")
            .arg(what, m_request.endpoint, m_request.repo + "@" + m_request.revision);
    if (status >= 500)
        return tr("the hub at %1 answered HTTP %2 for %3; try again later")
            .arg(m_request.endpoint)
            .arg(status)
            .arg(what);
    if (reply->error() == QNetworkReply::OperationCanceledError ||
        reply->error() == QNetworkReply::TimeoutError)
        return tr("no answer from %1 for %2 within %3 s")
            .arg(m_request.endpoint, what)
            .arg(m_request.timeoutMs / 1000);
    if (status >= 400)
        return tr("the hub at %1 answered HTTP %2 for %3").arg(m_request.endpoint).arg(status).arg(what);
    return tr("cannot reach %1 for %2: %3").arg(m_request.endpoint, what, reply->errorString());
}

void HubDownloader::fail(const QString& message) {
    if (m_partial.isOpen())
        m_partial.close();
    if (m_reply) {
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    if (m_cancelling) {
        m_cancelling = false;
        Q_EMIT cancelled();
        return;
    }
    Q_EMIT failed(message);
}

void HubDownloader::onListing() {
    QNetworkReply* reply = m_reply;
    if (isRedirect(reply)) {
        if (const auto refused = followRedirect(&HubDownloader::onListing, false))
            fail(*refused);
        return;
    }
    if (reply->error() != QNetworkReply::NoError)
        return fail(describeFailure(reply, tr("the model's file list")));
    try {
        m_snapshot = esm::parseRepoListing(reply->readAll().toStdString(), m_request.repo.toStdString());
        m_files = esm::filesToDownload(m_snapshot, m_request.repo.toStdString());
    } catch (const esm::Error& e) {
        return fail(QString::fromStdString(e.what()));
    }
    reply->deleteLater();
    m_reply = nullptr;
    const QString folder = repoFolder();
    QDir().mkpath(folder + "/blobs");
    m_total = 0;
    m_done = 0;
    qint64 missing = 0;
    for (const auto& file : m_files) {
        m_total += qint64(file.size);
        const QFileInfo blob(
            QString::fromStdString(esm::blobFile(folder.toStdString(), blobName(file).toStdString())
                                       .string())); // hex ids only (parseRepoListing)
        const QFileInfo partial(blob.filePath() + ".incomplete");
        if (blob.exists())
            m_done += blob.size();
        else
            missing += qint64(file.size) - (partial.exists() ? partial.size() : 0);
    }
    const QStorageInfo disk(folder);
    if (disk.isValid() && disk.bytesAvailable() < missing + kDiskMargin)
        return fail(
            tr("not enough disk space for %1: %2 to download, %3 free in %4")
                .arg(m_request.repo, sizeText(missing), sizeText(disk.bytesAvailable()), disk.rootPath()));
    m_next = 0;
    nextFile();
}

void HubDownloader::nextFile() {
    try {
        downloadOrLinkNext();
    } catch (const esm::Error& e) {
        fail(QString::fromStdString(e.what()));
    }
}

void HubDownloader::downloadOrLinkNext() {
    const QString folder = repoFolder();
    while (m_next < m_files.size()) {
        const esm::RepoFile& file = m_files[m_next];
        const QString blob = inRepoFolder(esm::blobFile({}, blobName(file).toStdString()));
        if (!QFileInfo::exists(blob)) {
            m_partial.setFileName(blob + ".incomplete");
            if (!m_partial.open(QIODevice::ReadWrite | QIODevice::Append))
                return fail(tr("cannot write %1: %2").arg(m_partial.fileName(), m_partial.errorString()));
            m_fileStart = m_partial.size();
            m_done += m_fileStart;
            m_rateBytes = 0;
            m_rateStartMs = QDateTime::currentMSecsSinceEpoch();
            m_redirects = 0;
            m_reply =
                get(QUrl(m_request.endpoint + "/" + m_request.repo + "/resolve/" +
                         QString::fromStdString(m_snapshot.commit) + "/" + QString::fromStdString(file.name)),
                    m_fileStart);
            connect(m_reply, &QNetworkReply::readyRead, this, &HubDownloader::onFileData);
            connect(m_reply, &QNetworkReply::finished, this, &HubDownloader::onFileFinished);
            return;
        }
        // Complete already: link it into the snapshot.
        const QString link = inRepoFolder(esm::snapshotFolder({}, m_snapshot.commit) / file.name);
        QDir().mkpath(QFileInfo(link).absolutePath());
        QFile::remove(link);
        if (!QFile::link(QDir(QFileInfo(link).absolutePath()).relativeFilePath(blob), link))
            return fail(tr("cannot link %1 into %2")
                            .arg(QString::fromStdString(file.name), QFileInfo(link).absolutePath()));
        ++m_next;
    }
    const QString refs = inRepoFolder(esm::refFile({}, m_request.revision.toStdString()));
    QDir().mkpath(QFileInfo(refs).absolutePath());
    if (m_request.revision != QString::fromStdString(m_snapshot.commit))
        esm::writeFileAtomically(refs.toStdString(), m_snapshot.commit);
    Q_EMIT finished(
        QString::fromStdString(esm::snapshotFolder(folder.toStdString(), m_snapshot.commit).string()));
}

void HubDownloader::onFileData() {
    if (isRedirect(m_reply))
        return;            // a redirect's own body is no part of the file
    if (m_fileStart > 0) { // the first bytes of a resumed file tell whether the Range was honoured
        if (m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200) {
            m_done -= m_partial.size(); // the whole file came instead: start over
            m_partial.resize(0);
        }
        m_fileStart = 0;
    }
    const QByteArray data = m_reply->readAll();
    const esm::RepoFile& file = m_files[m_next];
    if (file.size > 0 && quint64(m_partial.size() + data.size()) > file.size) {
        m_oversized = true; // more than the listing announced: not the file it names
        return m_reply->abort();
    }
    if (m_partial.write(data) != data.size())
        return m_reply->abort();
    m_done += data.size();
    m_rateBytes += data.size();
    const double seconds = std::max(0.001, (QDateTime::currentMSecsSinceEpoch() - m_rateStartMs) / 1000.0);
    Q_EMIT progress(m_done, m_total, m_rateBytes / seconds, QString::fromStdString(m_files[m_next].name));
}

void HubDownloader::onFileFinished() {
    if (isRedirect(m_reply)) {
        if (const auto refused = followRedirect(&HubDownloader::onFileFinished, true))
            fail(*refused);
        return;
    }
    if (m_reply->error() == QNetworkReply::NoError && m_reply->bytesAvailable() > 0)
        onFileData(); // the last bytes can arrive with `finished` itself
    const esm::RepoFile& file = m_files[m_next];
    const QString name = QString::fromStdString(file.name);
    if (std::exchange(m_oversized, false)) {
        m_partial.close();
        m_partial.remove();
        return fail(
            tr("%1: the hub sent more than the %2 bytes its listing announced; the file was discarded")
                .arg(name)
                .arg(file.size));
    }
    if (m_reply->error() != QNetworkReply::NoError) {
        const QString message =
            m_partial.error() != QFile::NoError
                ? tr("cannot write %1: %2").arg(m_partial.fileName(), m_partial.errorString())
                : describeFailure(m_reply, name);
        return fail(message); // the partial file stays for the next attempt
    }
    m_partial.flush();
    if (file.size > 0 && quint64(m_partial.size()) != file.size)
        return fail(tr("%1 ended after %2 of %3 bytes; start the download again to resume")
                        .arg(name)
                        .arg(m_partial.size())
                        .arg(file.size));
    const QString expected = blobName(file);
    if (!expected.isEmpty()) {
        const QString actual = digestOf(m_partial, file);
        if (actual != expected) {
            m_partial.close();
            m_partial.remove(); // a corrupt file must not be resumed either
            return fail(tr("%1 failed its checksum (expected %2, got %3); it was discarded")
                            .arg(name, expected, actual));
        }
    }
    m_partial.close();
    const QString blob = m_partial.fileName().chopped(QStringLiteral(".incomplete").size());
    if (!m_partial.rename(blob))
        return fail(tr("cannot move %1 into place: %2").arg(name, m_partial.errorString()));
    m_reply->deleteLater();
    m_reply = nullptr;
    nextFile();
}

QString downloadModel(const DownloadRequest& request, const esm::Progress& progress) {
    HubDownloader downloader;
    QEventLoop loop;
    QString result, error;
    bool wasCancelled = false;
    QObject::connect(&downloader, &HubDownloader::finished, &loop, [&](const QString& folder) {
        result = folder;
        loop.quit();
    });
    QObject::connect(&downloader, &HubDownloader::failed, &loop, [&](const QString& message) {
        error = message;
        loop.quit();
    });
    QObject::connect(&downloader, &HubDownloader::cancelled, &loop, [&] {
        wasCancelled = true;
        loop.quit();
    });
    QObject::connect(&downloader, &HubDownloader::progress, &loop,
                     [&](qint64 done, qint64 total, double, const QString& file) {
                         progress.step(done, total, file.toStdString());
                     });
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (progress.cancelled && progress.cancelled())
            downloader.cancel();
    });
    poll.start(100);
    downloader.start(request);
    loop.exec();
    if (wasCancelled)
        throw esm::Cancelled(); // the partial file stays: the next download resumes it
    if (!error.isEmpty())
        throw esm::Error(error.toStdString());
    return result;
}

} // namespace esmui
