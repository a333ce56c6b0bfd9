// A HuggingFace hub on 127.0.0.1 for tests, in its own thread: the revision listing with LFS
// SHA-256s, /resolve/ downloads with Range requests, and faults on demand (HTTP errors, a cut
// connection, a corrupted file, no answer, a token required). Nothing touches the real hub.
#pragma once

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <functional>
#include <map>

class FakeHub : public QObject {
  public:
    struct Faults {
        int status = 0;                                  // answer every request with this HTTP status
        bool silent = false;                             // accept connections and never answer
        QString cutFile{};                               // send half of this file, then close (once)
        QString corruptFile{};                           // flip a byte of this file in every download
        QByteArray requiredToken{};                      // "Bearer <token>" needed
        std::function<void(QJsonObject&)> editListing{}; // rewrites the listing before it is sent
        QString redirectFilesTo{}; // answers file downloads with 302 to this origin + "/cdn" + path
        QString oversizeFile{};    // sends this file with 1 MB more than the listing announces
    };

    FakeHub() {
        moveToThread(&thread_);
        thread_.start();
        QMetaObject::invokeMethod(
            this,
            [this] {
                server_ = new QTcpServer(this);
                server_->listen(QHostAddress::LocalHost, 0);
                connect(server_, &QTcpServer::newConnection, this, [this] {
                    while (QTcpSocket* socket = server_->nextPendingConnection())
                        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { serve(socket); });
                });
            },
            Qt::BlockingQueuedConnection);
    }
    ~FakeHub() override {
        QMetaObject::invokeMethod(
            this, [this] { delete server_; }, Qt::BlockingQueuedConnection);
        thread_.quit();
        thread_.wait();
    }

    QString endpoint() const { return QStringLiteral("http://127.0.0.1:%1").arg(server_->serverPort()); }

    // Serves every file of `folder` as repository `repo`.
    void addRepo(const QString& repo, const QString& folder) {
        QMutexLocker lock(&mutex_);
        auto& files = repos_[repo];
        for (const QString& name : QDir(folder).entryList(QDir::Files)) {
            QFile f(folder + "/" + name);
            f.open(QIODevice::ReadOnly);
            files[name] = f.readAll();
        }
    }
    void setFaults(const Faults& faults) {
        QMutexLocker lock(&mutex_);
        faults_ = faults;
    }
    // Request lines with their Range headers, in order.
    QStringList requests() const {
        QMutexLocker lock(&mutex_);
        return requests_;
    }
    static QString commit() { return QStringLiteral("0123456789abcdef0123456789abcdef01234567"); }
    // The Authorization header each request came with ("" when none), by request path.
    QList<std::pair<QString, QByteArray>> authorizations() const {
        QMutexLocker lock(&mutex_);
        return authorizations_;
    }

  private:
    void serve(QTcpSocket* socket) {
        QByteArray& buffer = buffers_[socket];
        buffer += socket->readAll();
        const int end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        const QList<QByteArray> request = lines.first().trimmed().split(' ');
        QByteArray range, authorization;
        for (const QByteArray& line : lines.mid(1)) {
            const int colon = line.indexOf(':');
            const QByteArray key = line.left(colon).trimmed().toLower(),
                             value = line.mid(colon + 1).trimmed();
            if (key == "range")
                range = value;
            else if (key == "authorization")
                authorization = value;
        }
        buffers_.erase(socket);
        QMutexLocker lock(&mutex_);
        const QString path = QString::fromUtf8(request.value(1));
        requests_ << path + (range.isEmpty() ? QString() : " " + QString::fromUtf8(range));
        authorizations_.append({path, authorization});
        if (faults_.silent)
            return;
        if (faults_.status)
            return reply(socket, faults_.status, "{\"error\": \"fault\"}");
        if (!faults_.requiredToken.isEmpty() && authorization != "Bearer " + faults_.requiredToken)
            return reply(socket, 401, "{\"error\": \"Invalid username or password.\"}");
        // /api/models/ORG/NAME/revision/REV  and  /ORG/NAME/resolve/REV/FILE (or /cdn/ + that)
        QStringList parts = path.section('?', 0, 0).split('/', Qt::SkipEmptyParts);
        const bool fromCdn = !parts.isEmpty() && parts[0] == "cdn";
        if (fromCdn)
            parts.removeFirst();
        if (!fromCdn && !faults_.redirectFilesTo.isEmpty() && parts.size() >= 5 && parts[2] == "resolve")
            return reply(socket, 302, "Found",
                         "Location: " + faults_.redirectFilesTo.toUtf8() + "/cdn" + path.toUtf8() + "\r\n");
        if (parts.size() >= 6 && parts[0] == "api" && parts[1] == "models" && parts[4] == "revision") {
            const auto repo = repos_.find(parts[2] + "/" + parts[3]);
            if (repo == repos_.end())
                return reply(socket, 404, "{\"error\": \"Repository not found\"}");
            QJsonObject json = listing(repo->second);
            if (faults_.editListing)
                faults_.editListing(json);
            return reply(socket, 200, QJsonDocument(json).toJson());
        }
        if (parts.size() >= 5 && parts[2] == "resolve") {
            const auto repo = repos_.find(parts[0] + "/" + parts[1]);
            if (repo == repos_.end() || !repo->second.count(parts[4]))
                return reply(socket, 404, "Entry not found");
            QByteArray body = repo->second.at(parts[4]);
            if (parts[4] == faults_.corruptFile)
                body[body.size() / 2] = char(body[body.size() / 2] ^ 0x5a);
            if (parts[4] == faults_.oversizeFile)
                body += QByteArray(1 << 20, 'x');
            const qint64 total = body.size();
            qint64 from = 0;
            if (range.startsWith("bytes="))
                from = range.mid(6).split('-').first().toLongLong();
            if (parts[4] == faults_.cutFile) {
                faults_.cutFile.clear();
                const QByteArray head =
                    "HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(total) + "\r\n\r\n";
                socket->write(head + body.left(total / 2));
                socket->flush();
                socket->disconnectFromHost();
                return;
            }
            return reply(socket, from > 0 ? 206 : 200, body.mid(from),
                         from > 0
                             ? "Content-Range: bytes " + QByteArray::number(from) + "-" +
                                   QByteArray::number(total - 1) + "/" + QByteArray::number(total) + "\r\n"
                             : QByteArray());
        }
        reply(socket, 404, "not found");
    }

    static QJsonObject listing(const std::map<QString, QByteArray>& files) {
        QJsonArray siblings;
        for (const auto& [name, bytes] : files) {
            QJsonObject file{{"rfilename", name}, {"size", qint64(bytes.size())}};
            QCryptographicHash git(QCryptographicHash::Sha1);
            git.addData("blob " + QByteArray::number(bytes.size()) + QByteArray(1, '\0'));
            git.addData(bytes);
            file["blobId"] = QString::fromLatin1(git.result().toHex());
            if (name.endsWith(".safetensors") || name.endsWith(".bin"))
                file["lfs"] = QJsonObject{
                    {"sha256", QString::fromLatin1(
                                   QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex())},
                    {"size", qint64(bytes.size())},
                    {"pointerSize", 134}};
            siblings.append(file);
        }
        return QJsonObject{{"sha", commit()}, {"siblings", siblings}};
    }

    static void reply(QTcpSocket* socket, int status, const QByteArray& body, const QByteArray& extra = {}) {
        const QByteArray reason = status == 200   ? "OK"
                                  : status == 206 ? "Partial Content"
                                  : status == 302 ? "Found"
                                                  : "Error";
        socket->write("HTTP/1.1 " + QByteArray::number(status) + " " + reason + "\r\nContent-Length: " +
                      QByteArray::number(body.size()) + "\r\nX-Repo-Commit: " + commit().toLatin1() + "\r\n" +
                      extra + "Connection: close\r\n\r\n" + body);
        socket->flush();
        socket->disconnectFromHost();
    }

    QThread thread_;
    QTcpServer* server_ = nullptr;
    mutable QMutex mutex_;
    std::map<QString, std::map<QString, QByteArray>> repos_;
    std::map<QTcpSocket*, QByteArray> buffers_;
    Faults faults_;
    QStringList requests_;
    QList<std::pair<QString, QByteArray>> authorizations_;
};
