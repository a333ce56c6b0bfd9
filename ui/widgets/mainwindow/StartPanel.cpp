#include "ui/widgets/mainwindow/StartPanel.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace esmui {

StartPanel::StartPanel(QWidget* parent) : QWidget(parent) {
    setObjectName("startPanel");
    auto* title =
        new QLabel(tr("<h1>ESM Explorer</h1>"
                      "<p>Protein language models and structure prediction on your own computer.</p>"));
    auto* features = new QLabel(tr(
        "<h3>What you can do</h3><ul>"
        "<li>Open a structure (PDB or mmCIF, also AlphaFold and ESMFold predictions) and look at it in 3D, "
        "coloured by confidence (pLDDT).</li>"
        "<li>Type or paste a sequence and see which amino acid ESM-2 expects at every position, and the "
        "score of every point mutation.</li>"
        "<li>Fold a sequence with ESMFold, mutate it, refold and compare the folds.</li>"
        "<li>Export structures (PDB, mmCIF), figures (PNG, SVG, PDF) and scores (CSV).</li></ul>"));
    for (auto* label : {title, features}) {
        label->setWordWrap(true);
        label->setTextFormat(Qt::RichText);
    }

    auto* exampleStructure = new QPushButton(tr("Open example structure: ubiquitin (PDB 1UBQ)"));
    exampleStructure->setObjectName("exampleStructureButton");
    exampleStructure->setToolTip(tr("The crystal structure of human ubiquitin, to try the 3D view"));
    auto* exampleSequence = new QPushButton(tr("Use example sequence: human ubiquitin"));
    exampleSequence->setObjectName("exampleSequenceButton");
    exampleSequence->setToolTip(
        tr("Human ubiquitin's 76 residues, to score with ESM-2 and fold with ESMFold"));
    auto* openFile = new QPushButton(tr("Open a file…"));
    openFile->setObjectName("openFileButton");
    openFile->setToolTip(
        tr("A structure (PDB, mmCIF), a sequence (FASTA), a session or a PAE file (Ctrl+O)"));
    connect(exampleStructure, &QPushButton::clicked, this, &StartPanel::openExampleStructure);
    connect(exampleSequence, &QPushButton::clicked, this, &StartPanel::useExampleSequence);
    connect(openFile, &QPushButton::clicked, this, &StartPanel::openFileRequested);

    auto* column = new QVBoxLayout;
    // The actions before the description: a small window cuts the end of the list, not the buttons.
    // Buttons wider than a small window's centre narrow instead of widening the window past the screen.
    column->addWidget(title);
    for (auto* button : {exampleStructure, exampleSequence, openFile}) {
        button->setMinimumWidth(120);
        button->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
        column->addWidget(button);
    }
    column->addWidget(features);
    column->addStretch();
    auto* centred = new QHBoxLayout(this);
    centred->addStretch();
    centred->addLayout(column, 3);
    centred->addStretch();
}

} // namespace esmui
