// The main window: menus, the sequence panel, the central view and the status bar. Wiring only;
// what actions do lives in the document and the panels.
#pragma once

#include <QMainWindow>

#include <functional>

class QDockWidget;
class QStackedWidget;
class QLabel;

namespace esmui {

class Document;
class FoldService;
class FoldsPanel;
class HeatmapPanel;
class ModelsDialog;
class PlotsPanel;
class JobRunner;
class ScoreService;
class SequencePanel;
class StartPanel;
class StructureView;
struct DisplaySettings;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens a structure (PDB/mmCIF, .gz) or FASTA file. On failure the reason is shown (status bar
    // and a non-blocking message box) and false is returned; the open document is kept.
    bool openFile(const QString& path);
    void openExampleStructure();
    // Uses a HuggingFace model folder (and remembers it): a masked language model feeds the heatmap,
    // ESMFold folds. On a folder that is neither, or is incomplete, says why and returns false.
    bool openModel(const QString& folder);
    // The Models dialog, with `repo` selected (and downloading, then used, when `download`).
    void showModelsDialog(const QString& repo = {}, bool download = false);

    // Sessions (.esmx): everything restored without recomputing. Errors are shown; false returned.
    bool saveSession(const QString& path);
    bool openSession(const QString& path);
    // The autosave file, and the one a crashed earlier run left behind (empty when there is none).
    static QString autosavePath();
    QString recoverableSession() const { return m_recoverable; }
    void autosave();

    // Exports of the current fold and scores; each returns an error message or empty.
    QString exportPaeJson(const QString& path);
    QString exportResidueTable(const QString& path);
    QString exportReport(const QString& path);
    void useExampleSequence();

    // Processes events until no computation is pending or running (or `timeoutMs` passes), so that a
    // screenshot shows results rather than progress. Returns false on timeout.
    bool waitUntilIdle(int timeoutMs);
    // Renders the window at `size` into a PNG written atomically. Returns an error message, or empty.
    QString saveScreenshot(const QString& path, const QSize& size);
    // Renders the 3D view at `size` (offscreen, full resolution) into a PNG. Error message or empty.
    QString saveStructureImage(const QString& path, const QSize& size, bool transparentBackground);

    Document* document() const { return m_document; }
    SequencePanel* sequencePanel() const { return m_sequencePanel; }
    StructureView* structureView() const { return m_structureView; }
    HeatmapPanel* heatmapPanel() const { return m_heatmapPanel; }
    JobRunner* jobs() const { return m_jobs; }
    FoldService* foldService() const { return m_foldService; }
    FoldsPanel* foldsPanel() const { return m_foldsPanel; }
    PlotsPanel* plotsPanel() const { return m_plotsPanel; }
    ScoreService* scoreService() const { return m_scores; }
    bool isStartPanelShown() const;
    // The text of Help > About: program version and the versions of Qt, VTK and LibTorch.
    static QString aboutText();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    QDockWidget* addDock(const QString& title, const QString& name, QWidget* panel, Qt::DockWidgetArea area);
    void buildMenus();
    void showOpenDialog();
    void exportStructure();
    void exportStructureImage();
    void showOpenModelDialog();
    void showSaveSessionDialog();
    void exportWithDialog(const QString& title, const QString& filter, const std::function<QString(const QString&)>& write);
    void applyComparisonColouring();
    void offerRecovery();
    void showModelsInUse();
    void exportHeatmap();
    void exportScores();
    void onDocumentChanged(int changes);
    void onResidueClicked(int residue, Qt::KeyboardModifiers modifiers);
    void onResidueHovered(int residue);
    void onSelectionChanged();
    void reportError(const QString& title, const QString& message);

    Document* m_document;
    JobRunner* m_jobs; // before the services that submit to it, so it is destroyed first
    ScoreService* m_scores;
    FoldService* m_foldService;
    SequencePanel* m_sequencePanel;
    HeatmapPanel* m_heatmapPanel;
    FoldsPanel* m_foldsPanel;
    PlotsPanel* m_plotsPanel;
    QString m_sessionPath, m_recoverable;
    ModelsDialog* m_modelsDialog = nullptr;
    QLabel* m_modelLabel;
    StartPanel* m_startPanel;
    QStackedWidget* m_central;
    StructureView* m_structureView;
    QLabel* m_noStructure;
};

} // namespace esmui
