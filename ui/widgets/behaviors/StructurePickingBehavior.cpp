#include "ui/widgets/behaviors/StructurePickingBehavior.h"

#include "ui/view3d/StructureView.h"
#include "ui/widgets/behaviors/ShownResidues.h"

#include <QCursor>
#include <QToolTip>

namespace esmui {

StructurePickingBehavior::StructurePickingBehavior(Workspace workspace, QObject* parent)
    : QObject(parent), m_workspace(workspace) {
    connect(workspace.view, &StructureView::residueClicked, this,
            [this](int residue, Qt::KeyboardModifiers modifiers) {
                pickShownResidue(m_workspace, residue, modifiers);
            });
    connect(workspace.view, &StructureView::residueHovered, this,
            &StructurePickingBehavior::onResidueHovered);
    connect(workspace.view, &StructureView::distanceMeasured, this,
            &StructurePickingBehavior::onDistanceMeasured);
}

void StructurePickingBehavior::onResidueHovered(int residue) {
    if (residue < 0 || !m_workspace.view->scene().structure()) {
        QToolTip::hideText();
        return;
    }
    const esm::Structure& s = *m_workspace.view->scene().structure(); // a fold's preview, too
    QString text =
        tr("%1 %2%3 chain %4")
            .arg(QString::fromStdString(s.residueName(residue)))
            .arg(s.residueNumber(residue))
            .arg(s.insertionCode(residue) == ' ' ? QString() : QString(QChar(s.insertionCode(residue))))
            .arg(QString::fromStdString(s.chainId(s.residueChain(residue))));
    if (s.conformerCount() > 1)
        text += tr(", conformer %1 of %2")
                    .arg(s.conformerNumber(s.chainConformer(s.residueChain(residue))))
                    .arg(s.conformerCount());
    if (s.confidence == esm::Confidence::PLDDT)
        text += tr(", pLDDT %1").arg(s.residueConfidence(residue), 0, 'f', 1);
    m_workspace.showStatus(text);
    QToolTip::showText(QCursor::pos(), text, m_workspace.view);
}

void StructurePickingBehavior::onDistanceMeasured(int atomA, int atomB, double angstrom) {
    const esm::Structure& s = *m_workspace.view->scene().structure();
    auto name = [&](int atom) {
        const int r = s.atomResidue(atom);
        return tr("%1 %2 %3 %4")
            .arg(QString::fromStdString(s.atomName(atom)), QString::fromStdString(s.residueName(r)))
            .arg(s.residueNumber(r))
            .arg(QString::fromStdString(s.chainId(s.residueChain(r))));
    };
    m_workspace.showStatus(
        tr("Distance %1 — %2: %3 Å").arg(name(atomA), name(atomB)).arg(angstrom, 0, 'f', 2));
}

} // namespace esmui
