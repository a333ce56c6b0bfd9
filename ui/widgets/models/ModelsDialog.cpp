#include "ui/widgets/models/ModelsDialog.h"

#include "core/base/byte_size.h"
#include "core/hub/hf_cache.h"
#include "core/hub/known_models.h"
#include "core/pipeline/convert_model_folder.h"
#include "ui/services/hub/HubDownloader.h"
#include "ui/services/hub/ModelConverter.h"
#include "ui/services/settings/Settings.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>
#include <filesystem>
#include <utility>

namespace esmui {
namespace {

enum Column { Repo, Kind, Parameters, Size, Licence, Status, InUse, Columns };

// Two names of one existing folder (a missing one has no canonical path, and matches nothing).
bool sameFolder(const QString& a, const QString& b) {
    const QString canonical = QFileInfo(a).canonicalFilePath();
    return !canonical.isEmpty() && canonical == QFileInfo(b).canonicalFilePath();
}

QString sizeText(double bytes) {
    return QString::fromStdString(esm::byteSizeText(bytes));
}

} // namespace

ModelsDialog::ModelsDialog(QWidget* parent)
    : QDialog(parent), m_table(new QTableWidget(0, Columns)), m_other(new QLineEdit),
      m_progress(new QProgressBar), m_message(new QLabel), m_download(new QPushButton(tr("Download"))),
      m_cancel(new QPushButton(tr("Cancel"))), m_use(new QPushButton(tr("Use"))),
      m_delete(new QPushButton(tr("Delete"))), m_reveal(new QPushButton(tr("Show in File Manager"))),
      m_convert(new QPushButton(tr("Convert for Faster Loading"))), m_downloader(new HubDownloader(this)),
      m_converter(new ModelConverter(this)) {
    setObjectName("modelsDialog");
    setWindowTitle(tr("Models"));
    resize(900, 480);
    m_table->setObjectName("modelTable");
    m_download->setObjectName("downloadButton");
    m_cancel->setObjectName("cancelDownloadButton");
    m_use->setObjectName("useButton");
    m_delete->setObjectName("deleteButton");
    m_convert->setObjectName("convertButton");
    m_message->setObjectName("modelsMessage");
    m_convert->setToolTip(
        tr("Rewrite a model stored as pytorch_model.bin or tf_model.h5 as safetensors, which is "
           "read in place and loads faster; the original stays as it is"));
    m_other->setObjectName("otherRepo");
    m_table->setHorizontalHeaderLabels({tr("Model"), tr("Kind"), tr("Parameters"), tr("Download"),
                                        tr("Licence"), tr("Installed"), tr("In Use")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_other->setPlaceholderText(
        tr("Another HuggingFace repository, e.g. facebook/esm2_t6_8M_UR50D or a fine-tuned model"));
    m_progress->setVisible(false);
    m_cancel->setEnabled(false);
    m_message->setWordWrap(true);

    auto* other = new QHBoxLayout;
    other->addWidget(m_other, 1);
    auto* add = new QPushButton(tr("Add"));
    other->addWidget(add);
    auto* addFolder = new QPushButton(tr("Add Folder…"));
    addFolder->setObjectName("addFolderButton");
    addFolder->setToolTip(
        tr("List a HuggingFace model folder from anywhere on disk (config.json and weights)"));
    other->addWidget(addFolder);
    auto* buttons = new QHBoxLayout;
    for (QPushButton* b : {m_download, m_cancel, m_use, m_delete, m_reveal, m_convert})
        buttons->addWidget(b);
    buttons->addStretch(1);
    auto* close = new QPushButton(tr("Close"));
    buttons->addWidget(close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(
        new QLabel(tr("Models are kept in the HuggingFace cache (%1), where Python tools find them too.")
                       .arg(QString::fromStdString(esm::huggingFaceCacheRoot().string()))));
    layout->addWidget(m_table, 1);
    layout->addLayout(other);
    layout->addWidget(m_progress);
    layout->addWidget(m_message);
    layout->addLayout(buttons);

    connect(add, &QPushButton::clicked, this, [this] { select(m_other->text().trimmed(), false); });
    connect(addFolder, &QPushButton::clicked, this, [this] {
        const QString folder =
            QFileDialog::getExistingDirectory(this, tr("Add Model Folder"), Settings::lastOpenFolder());
        if (!folder.isEmpty())
            addLocalFolder(folder);
    });
    connect(m_download, &QPushButton::clicked, this, &ModelsDialog::download);
    connect(m_cancel, &QPushButton::clicked, m_downloader, &HubDownloader::cancel);
    connect(m_cancel, &QPushButton::clicked, m_converter, &ModelConverter::cancel);
    connect(m_convert, &QPushButton::clicked, this, &ModelsDialog::convertSelected);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &ModelsDialog::updateConvertButton);
    connect(m_converter, &ModelConverter::progress, this,
            [this](qint64 done, qint64 total, const QString& stage) {
                m_progress->setRange(0, int(std::max<qint64>(1, total)));
                m_progress->setValue(int(done));
                m_message->setText(stage);
            });
    auto converted = [this](const QString& message) {
        m_progress->setVisible(false);
        m_cancel->setEnabled(false);
        m_message->setText(message);
        refresh();
        updateConvertButton();
    };
    connect(m_converter, &ModelConverter::finished, this,
            [this, converted](const QString& folder, double before, double after) {
                Settings::addLocalModelFolder(folder);
                converted(tr("Converted to %1. Reading the weights took %2 s before and %3 s after.")
                              .arg(folder)
                              .arg(QString::number(before, 'g', 2), QString::number(after, 'g', 2)));
                select(QFileInfo(folder).absoluteFilePath(), false);
            });
    connect(m_converter, &ModelConverter::failed, this,
            [converted](const QString& message) { converted(tr("Conversion failed: %1").arg(message)); });
    connect(m_converter, &ModelConverter::cancelled, this,
            [converted] { converted(tr("Conversion cancelled; nothing was written")); });
    connect(m_use, &QPushButton::clicked, this, &ModelsDialog::useSelected);
    connect(m_delete, &QPushButton::clicked, this, &ModelsDialog::deleteSelected);
    connect(m_reveal, &QPushButton::clicked, this, &ModelsDialog::revealSelected);
    connect(close, &QPushButton::clicked, this, &QDialog::close);
    connect(m_downloader, &HubDownloader::progress, this,
            [this](qint64 done, qint64 total, double rate, const QString& file) {
                m_progress->setRange(0, 1000);
                m_progress->setValue(total > 0 ? int(1000 * done / total) : 0);
                const double left = rate > 0 ? (total - done) / rate : 0;
                m_message->setText(tr("%1: %2 of %3 at %4/s, about %5 s left")
                                       .arg(file, sizeText(done), sizeText(total), sizeText(rate))
                                       .arg(int(left)));
            });
    auto ended = [this](const QString& message) {
        m_progress->setVisible(false);
        m_cancel->setEnabled(false);
        m_download->setEnabled(true);
        m_message->setText(message);
        refresh();
    };
    connect(m_downloader, &HubDownloader::finished, this, [this, ended](const QString& folder) {
        ended(tr("Downloaded to %1").arg(folder));
        if (std::exchange(m_useWhenDone, false))
            Q_EMIT modelChosen(folder);
    });
    connect(m_downloader, &HubDownloader::failed, this, [this, ended](const QString& message) {
        m_useWhenDone = false;
        ended(tr("Download failed: %1").arg(message));
    });
    connect(m_downloader, &HubDownloader::cancelled, this,
            [ended] { ended(tr("Download cancelled; Download again resumes where it stopped")); });
    refresh();
}

QString ModelsDialog::installedFolder(const QString& repo) const {
    if (QFileInfo(repo).isDir())
        return repo;
    const auto snapshot = esm::cachedSnapshot(esm::huggingFaceCacheRoot(), repo.toStdString());
    return snapshot ? QString::fromStdString(snapshot->string()) : QString();
}

void ModelsDialog::refresh() {
    const QString selected = selectedRepo();
    m_table->setRowCount(0);
    // `folder`: where the model is installed, empty when it is not.
    auto addRow = [this](QStringList cells, const QString& folder) {
        cells << (folder.isEmpty() ? tr("not installed") : folder) << inUseText(folder);
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        for (int c = 0; c < Columns; ++c)
            m_table->setItem(row, c, new QTableWidgetItem(cells.value(c)));
    };
    QStringList listed;
    for (const auto& m : esm::knownModels()) {
        const QString repo = QString::fromStdString(m.repo);
        const QString folder = installedFolder(repo);
        addRow({repo, QString::fromStdString(m.kind), QString::fromStdString(m.parameters),
                sizeText(double(m.downloadBytes)), QString::fromStdString(m.licence)},
               folder);
        m_table->item(m_table->rowCount() - 1, Repo)->setToolTip(QString::fromStdString(m.purpose));
        listed << repo;
    }
    for (const auto& c : esm::listCachedModels(esm::huggingFaceCacheRoot()))
        if (!listed.contains(QString::fromStdString(c.repo))) {
            addRow({QString::fromStdString(c.repo), tr("other"), {}, sizeText(double(c.bytes)), {}},
                   QString::fromStdString(c.folder.string()));
            listed << QString::fromStdString(c.repo);
        }
    for (const QString& folder : Settings::localModelFolders())
        if (QFileInfo(folder).isDir() && !listed.contains(folder)) {
            addRow({folder, tr("local folder"), {}, {}, {}}, folder);
            listed << folder;
        }
    for (const QString& repo : m_extraRepos)
        if (!listed.contains(repo))
            addRow({repo, tr("other"), {}, {}, {}}, installedFolder(repo));
    m_table->resizeColumnsToContents();
    for (int row = 0; row < m_table->rowCount(); ++row)
        if (m_table->item(row, Repo)->text() == selected)
            m_table->selectRow(row);
}

QString ModelsDialog::statusOf(const QString& repo) const {
    for (int row = 0; row < m_table->rowCount(); ++row)
        if (m_table->item(row, Repo)->text() == repo)
            return m_table->item(row, Status)->text();
    return {};
}

void ModelsDialog::setFoldersInUse(const QString& languageModel, const QString& foldingModel) {
    m_languageInUse = languageModel;
    m_foldingInUse = foldingModel;
    refresh();
}

QString ModelsDialog::inUseText(const QString& folder) const {
    QStringList uses;
    if (sameFolder(folder, m_languageInUse))
        uses << tr("language model");
    if (sameFolder(folder, m_foldingInUse))
        uses << tr("folding");
    return uses.join(", ");
}

QString ModelsDialog::inUseOf(const QString& repo) const {
    for (int row = 0; row < m_table->rowCount(); ++row)
        if (m_table->item(row, Repo)->text() == repo)
            return m_table->item(row, InUse)->text();
    return {};
}

void ModelsDialog::addLocalFolder(const QString& folder) {
    const QString absolute = QFileInfo(folder).absoluteFilePath();
    if (!QFileInfo(absolute + "/config.json").isFile()) {
        m_message->setText(tr("%1 has no config.json: not a HuggingFace model folder").arg(absolute));
        return;
    }
    Settings::addLocalModelFolder(absolute);
    select(absolute, false);
    m_message->setText(tr("Listed %1; Use applies it").arg(absolute));
}

QString ModelsDialog::selectedRepo() const {
    const auto rows =
        m_table->selectionModel() ? m_table->selectionModel()->selectedRows() : QModelIndexList();
    return rows.isEmpty() ? QString() : m_table->item(rows.first().row(), Repo)->text();
}

void ModelsDialog::select(const QString& repo, bool startDownload) {
    if (!esm::isRepoId(repo.toStdString()) && !QFileInfo(repo).isDir()) {
        m_message->setText(tr("'%1' is not a HuggingFace repository id (OWNER/NAME)").arg(repo));
        return;
    }
    if (!m_extraRepos.contains(repo))
        m_extraRepos << repo;
    refresh();
    for (int row = 0; row < m_table->rowCount(); ++row)
        if (m_table->item(row, Repo)->text() == repo)
            m_table->selectRow(row);
    if (startDownload) {
        m_useWhenDone = true;
        download();
    }
}

void ModelsDialog::download() {
    const QString repo = selectedRepo();
    if (repo.isEmpty() || m_downloader->isRunning())
        return;
    DownloadRequest request;
    request.repo = repo;
    m_progress->setVisible(true);
    m_progress->setRange(0, 0);
    m_cancel->setEnabled(true);
    m_download->setEnabled(false);
    m_message->setText(tr("Asking the hub for %1…").arg(repo));
    m_downloader->start(request);
}

void ModelsDialog::useSelected() {
    const QString folder = installedFolder(selectedRepo());
    if (folder.isEmpty()) {
        m_message->setText(tr("Download it first"));
        return;
    }
    Q_EMIT modelChosen(folder);
}

void ModelsDialog::deleteSelected() {
    const QString repo = selectedRepo();
    if (Settings::localModelFolders().contains(repo)) {
        Settings::forgetLocalModelFolder(repo);
        m_extraRepos.removeAll(repo);
        m_message->setText(tr("Removed %1 from the list; its files are left where they are").arg(repo));
        refresh();
        return;
    }
    if (!esm::isRepoId(repo.toStdString()) || installedFolder(repo).isEmpty())
        return;
    std::error_code error;
    std::filesystem::remove_all(esm::repoCacheFolder(esm::huggingFaceCacheRoot(), repo.toStdString()), error);
    m_message->setText(error ? tr("Cannot delete %1: %2").arg(repo, QString::fromStdString(error.message()))
                             : tr("Deleted %1").arg(repo));
    refresh();
}

void ModelsDialog::updateConvertButton() {
    const QString folder = installedFolder(selectedRepo());
    m_convert->setEnabled(!m_converter->isRunning() && !folder.isEmpty() &&
                          esm::benefitsFromConversion(folder.toStdString()));
}

void ModelsDialog::convertSelected() {
    const QString repo = selectedRepo();
    const QString folder = installedFolder(repo);
    if (folder.isEmpty() || m_converter->isRunning())
        return;
    const QString destination = ModelConverter::destinationFor(folder, repo);
    if (QFileInfo::exists(destination)) {
        m_message->setText(tr("%1 already exists; delete it or use it").arg(destination));
        return;
    }
    m_progress->setVisible(true);
    m_progress->setRange(0, 0);
    m_cancel->setEnabled(true);
    m_convert->setEnabled(false);
    m_message->setText(tr("Converting %1 to safetensors…").arg(repo));
    m_converter->start(folder, destination);
}

void ModelsDialog::revealSelected() {
    const QString folder = installedFolder(selectedRepo());
    if (!folder.isEmpty())
        QDesktopServices::openUrl(QUrl::fromLocalFile(folder));
}

} // namespace esmui
