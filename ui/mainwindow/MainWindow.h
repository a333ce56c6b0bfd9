// The main window: menus, the sequence panel, the central view and the status bar. Wiring only;
// what actions do lives in the document and the panels.
#pragma once

#include <QMainWindow>

class QStackedWidget;
class QLabel;

namespace esmui {

class Document;
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
    void useExampleSequence();

    // Renders the window at `size` into a PNG written atomically. Returns an error message, or empty.
    QString saveScreenshot(const QString& path, const QSize& size);
    // Renders the 3D view at `size` (offscreen, full resolution) into a PNG. Error message or empty.
    QString saveStructureImage(const QString& path, const QSize& size, bool transparentBackground);

    Document* document() const { return m_document; }
    SequencePanel* sequencePanel() const { return m_sequencePanel; }
    StructureView* structureView() const { return m_structureView; }
    bool isStartPanelShown() const;
    // The text of Help > About: program version and the versions of Qt, VTK and LibTorch.
    static QString aboutText();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void showOpenDialog();
    void exportStructure();
    void exportStructureImage();
    void onDocumentChanged();
    void onResidueClicked(int residue, Qt::KeyboardModifiers modifiers);
    void onResidueHovered(int residue);
    void onSelectionChanged();
    void reportError(const QString& title, const QString& message);

    Document* m_document;
    SequencePanel* m_sequencePanel;
    StartPanel* m_startPanel;
    QStackedWidget* m_central;
    StructureView* m_structureView;
    QLabel* m_noStructure;
};

} // namespace esmui
