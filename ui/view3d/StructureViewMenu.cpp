#include "ui/view3d/StructureViewMenu.h"

#include "ui/view3d/StructureView.h"

#include <QActionGroup>
#include <QColorDialog>
#include <QMessageBox>

namespace esmui {

bool StructureViewMenu::confirmPlddtColouring(ColorScheme scheme) {
    const esm::Structure* structure = m_view->scene().structure();
    if ((scheme != ColorScheme::Plddt && scheme != ColorScheme::PlddtContinuous) || !structure ||
        structure->confidence == esm::Confidence::PLDDT)
        return true;
    QMessageBox question(
        QMessageBox::Question, tr("Colour by pLDDT"),
        tr("%1 looks like an experimental structure: its B-factor column holds B-factors, not "
           "pLDDT. Colour it with the pLDDT bands anyway?")
            .arg(QString::fromStdString(structure->name)),
        QMessageBox::Yes | QMessageBox::No, this);
    question.setObjectName("plddtColouringQuestion");
    question.setDefaultButton(QMessageBox::No);
    return question.exec() == QMessageBox::Yes;
}

StructureViewMenu::StructureViewMenu(StructureView* view, QWidget* parent)
    : QMenu(tr("&Structure"), parent), m_view(view) {
    setObjectName("structureMenu");
    QMenu* styles = addMenu(tr("&Representation"));
    auto* styleGroup = new QActionGroup(this);
    for (Style style :
         {Style::Cartoon, Style::Trace, Style::Sticks, Style::BallAndStick, Style::Spheres, Style::Surface}) {
        QAction* action = styles->addAction(styleName(style));
        action->setObjectName("style-" + styleName(style));
        action->setCheckable(true);
        action->setChecked(style == Style::Cartoon);
        styleGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, style] {
            DisplaySettings s = m_view->displaySettings();
            s.style = style;
            m_view->setDisplaySettings(s);
        });
    }
    // The checks follow the view, whatever set it (a session, the command line, a comparison).
    connect(styles, &QMenu::aboutToShow, this, [this, styles] {
        for (QAction* action : styles->actions())
            action->setChecked(action->objectName() == "style-" + styleName(m_view->displaySettings().style));
    });
    QMenu* colours = addMenu(tr("&Colour by"));
    connect(colours, &QMenu::aboutToShow, this, [this, colours] {
        const QString active = "colour-" + colorSchemeName(m_view->scene().effectiveScheme());
        for (QAction* action : colours->actions())
            action->setChecked(action->objectName() == active);
    });
    auto* colourGroup = new QActionGroup(this);
    colourGroup->setExclusionPolicy(QActionGroup::ExclusionPolicy::ExclusiveOptional);
    for (ColorScheme scheme : {ColorScheme::Plddt, ColorScheme::PlddtContinuous, ColorScheme::Chain,
                               ColorScheme::SecondaryStructure, ColorScheme::Rainbow, ColorScheme::BFactor,
                               ColorScheme::Hydrophobicity, ColorScheme::Single}) {
        QAction* action = colours->addAction(colorSchemeLabel(scheme));
        action->setObjectName("colour-" + colorSchemeName(scheme));
        action->setCheckable(true);
        colourGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, scheme] {
            if (!confirmPlddtColouring(scheme))
                return;
            DisplaySettings s = m_view->displaySettings();
            s.colorScheme = scheme;
            if (scheme == ColorScheme::Single) {
                const QColor c = QColorDialog::getColor(toQColor(s.singleColour), this, tr("Colour"));
                if (c.isValid())
                    s.singleColour = {Rgb::value_type(c.red()), Rgb::value_type(c.green()),
                                      Rgb::value_type(c.blue())};
            }
            m_view->setDisplaySettings(s);
        });
    }
    auto toggle = [this](const QString& text, bool checked, auto apply) {
        QAction* action = addAction(text);
        action->setCheckable(true);
        action->setChecked(checked);
        connect(action, &QAction::toggled, this, [this, apply](bool on) {
            DisplaySettings s = m_view->displaySettings();
            apply(s, on);
            m_view->setDisplaySettings(s);
        });
        return action;
    };
    toggle(tr("Helices as &Cylinders"), false, [](DisplaySettings& s, bool on) {
        s.helixStyle = on ? HelixStyle::Cylinder : HelixStyle::Ribbon;
    });
    toggle(tr("Show &Ligands"), true, [](DisplaySettings& s, bool on) { s.showLigands = on; });
    toggle(tr("Show &Waters"), false, [](DisplaySettings& s, bool on) { s.showWaters = on; });
    toggle(tr("Show pLDDT &Key"), true, [](DisplaySettings& s, bool on) { s.showLegend = on; });
    addSeparator();
    QAction* ortho = addAction(tr("&Orthographic Projection"));
    ortho->setCheckable(true);
    ortho->setChecked(true);
    connect(ortho, &QAction::toggled, m_view, &StructureView::setOrthographic);
    addAction(tr("&Background Colour…"), this, [this] {
        const QColor c = QColorDialog::getColor(m_view->backgroundColour(), this, tr("Background"));
        if (c.isValid())
            m_view->setBackgroundColour(c);
    });
    addSeparator();
    QAction* measure = addAction(tr("&Measure Distance"));
    measure->setObjectName("measureDistance");
    measure->setCheckable(true);
    measure->setToolTip(tr("Click two atoms to measure the distance between them"));
    connect(measure, &QAction::toggled, m_view, &StructureView::setMeasuring);
    addAction(tr("Clear &Distances"), m_view, &StructureView::clearDistances);
    QMenu* conformers = addMenu(tr("&Conformer"));
    conformers->setObjectName("conformerMenu");
    auto step = [this](int by) {
        const esm::Structure* structure = m_view->scene().structure();
        if (!structure || structure->conformerCount() < 2)
            return;
        DisplaySettings s = m_view->displaySettings();
        s.conformer = ((s.conformer + by) % structure->conformerCount() + structure->conformerCount()) %
                      structure->conformerCount();
        m_view->setDisplaySettings(s);
        Q_EMIT statusMessage(tr("Conformer %1 of %2 (MODEL %3): %4 atoms")
                                 .arg(s.conformer + 1)
                                 .arg(structure->conformerCount())
                                 .arg(structure->conformerNumber(s.conformer))
                                 .arg(structure->conformerAtoms(s.conformer).size()));
    };
    QAction* next = conformers->addAction(tr("&Next Conformer"), QKeySequence(Qt::Key_BracketRight), this,
                                          [step] { step(1); });
    next->setObjectName("nextConformer");
    QAction* previous = conformers->addAction(tr("&Previous Conformer"), QKeySequence(Qt::Key_BracketLeft),
                                              this, [step] { step(-1); });
    previous->setObjectName("previousConformer");
    connect(conformers, &QMenu::aboutToShow, this, [this, conformers] {
        const esm::Structure* structure = m_view->scene().structure();
        const int count = structure ? structure->conformerCount() : 0;
        conformers->setTitle(
            count > 1 ? tr("&Conformer (%1 of %2)").arg(m_view->displaySettings().conformer + 1).arg(count)
                      : tr("&Conformer (one)"));
    });
    addSeparator();
    addAction(tr("&Reset View"), QKeySequence(Qt::Key_Home), m_view, &StructureView::resetView);
    addAction(tr("C&entre on Selection"), QKeySequence(Qt::Key_C), this,
              &StructureViewMenu::centreOnSelectionRequested);
}

} // namespace esmui
