// The Models dialog: what is installed (HuggingFace cache and folders the user chose), what can be
// downloaded (size, purpose, licence shown before), downloads with progress, rate and time left,
// cancel, delete and "show in file manager"; Use hands a model to the window. A model stored as
// pytorch_model.bin or tf_model.h5 can be converted to safetensors, which loads faster.
#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace esmui {

class HubDownloader;
class ModelConverter;

class ModelsDialog : public QDialog {
    Q_OBJECT
  public:
    explicit ModelsDialog(QWidget* parent = nullptr);

    // Selects the row of `repo` (adding it when it is not listed) and, when asked, downloads it.
    void select(const QString& repo, bool download);
    void refresh();
    // For tests: the table's status text of a repo, empty when not listed.
    QString statusOf(const QString& repo) const;
    // The folders the open document uses: their rows say "language model" / "folding" under In Use
    // (the list is read again).
    void setFoldersInUse(const QString& languageModel, const QString& foldingModel);
    QString inUseOf(const QString& repo) const;
    // Lists a model folder from anywhere on disk (File > Open Model Folder… without using it).
    void addLocalFolder(const QString& folder);

  Q_SIGNALS:
    void modelChosen(const QString& folder);

  private:
    QString selectedRepo() const;
    QString installedFolder(const QString& repo) const;
    QString inUseText(const QString& folder) const;
    void download();
    void useSelected();
    void deleteSelected();
    void revealSelected();
    void convertSelected();
    void updateConvertButton();

    QTableWidget* m_table;
    QLineEdit* m_other;
    QProgressBar* m_progress;
    QLabel* m_message;
    QPushButton *m_download, *m_cancel, *m_use, *m_delete, *m_reveal, *m_convert;
    HubDownloader* m_downloader;
    ModelConverter* m_converter;
    QStringList m_extraRepos;
    QString m_languageInUse, m_foldingInUse;
    bool m_useWhenDone = false; // a one-click download from elsewhere: use the model when it is in
};

} // namespace esmui
