#include "ui/widgets/behaviors/StructureContextMenuBehavior.h"

#include "ui/view3d/StructureView.h"
#include "ui/widgets/behaviors/ShownResidues.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QMenu>

#include <algorithm>

namespace esmui {

StructureContextMenuBehavior::StructureContextMenuBehavior(Workspace workspace, QObject* parent)
    : QObject(parent), m_workspace(workspace) {
    connect(workspace.view, &StructureView::contextMenuRequested, this,
            [this](int residue, const QPoint& at) { contextMenu(residue)->exec(at); });
}

std::unique_ptr<QMenu> StructureContextMenuBehavior::contextMenu(int residue) {
    StructureView* view = m_workspace.view;
    auto menu = std::make_unique<QMenu>(view);
    std::vector<int> labels = view->scene().labelled();
    const bool labelled = std::find(labels.begin(), labels.end(), residue) != labels.end();
    if (residue >= 0 && view->scene().structure()) {
        const esm::Structure& s = *view->scene().structure();
        menu->addSection(tr("%1 %2 %3")
                             .arg(QString::fromStdString(s.residueName(residue)))
                             .arg(s.residueNumber(residue))
                             .arg(QString::fromStdString(s.chainId(s.residueChain(residue)))));
        menu->addAction(tr("&Select"), this, [this, residue] { pickShownResidue(m_workspace, residue, {}); });
        menu->addAction(tr("&Centre on It"), this, [view, residue] { view->centreOn({residue}); });
        menu->addAction(labelled ? tr("Remove Its &Label") : tr("&Label It"), this,
                        [view, labels, residue, labelled] {
                            std::vector<int> next = labels;
                            if (labelled)
                                next.erase(std::remove(next.begin(), next.end(), residue), next.end());
                            else
                                next.push_back(residue);
                            view->setLabelledResidues(next);
                        });
        menu->addSeparator();
    }
    const std::vector<int> selected = selectedShownResidues(m_workspace);
    QAction* labelSelection = menu->addAction(tr("Label the Selection"), this, [view, selected] {
        std::vector<int> next = view->scene().labelled();
        for (int r : selected)
            if (std::find(next.begin(), next.end(), r) == next.end())
                next.push_back(r);
        view->setLabelledResidues(next);
    });
    labelSelection->setEnabled(!selected.empty());
    QAction* clear = menu->addAction(tr("Clear Labels"), this, [view] { view->setLabelledResidues({}); });
    clear->setEnabled(!labels.empty());
    menu->addSeparator();
    menu->addAction(tr("C&opy Image"), this, [view] {
        QGuiApplication::clipboard()->setImage(view->renderImage(view->size(), false));
    });
    menu->addAction(tr("&Reset View"), view, &StructureView::resetView);
    return menu;
}

} // namespace esmui
