#include "ui/widgets/plots/PlotsPanel.h"

#include "ui/services/document/Document.h"
#include "ui/services/figures/FoldPlots.h"
#include "ui/widgets/plots/MatrixPlot.h"
#include "ui/widgets/plots/PlddtPlot.h"

#include <QTabWidget>
#include <QVBoxLayout>

#include <cmath>

namespace esmui {
namespace {

constexpr double kContactDistance = 8.0; // Å between Cβ (Cα of glycine)

// Per position, where its residue's Cβ (Cα for glycine) is in the document's structure; NaN where
// the position has no residue or atom there.
std::vector<Eigen::Vector3d> contactPositions(const Document& document, int positions) {
    if (!document.hasStructure())
        return {};
    const esm::Structure& s = document.structure();
    std::vector<Eigen::Vector3d> at(static_cast<std::size_t>(positions),
                                    Eigen::Vector3d::Constant(std::nan("")));
    for (int p = 0; p < positions; ++p)
        if (const int r = document.residueAt(p); r >= 0) {
            int atom = s.findAtom(r, "CB");
            if (atom < 0)
                atom = s.findAtom(r, "CA");
            if (atom >= 0)
                at[std::size_t(p)] = s.position(atom);
        }
    return at;
}

} // namespace

PlotsPanel::PlotsPanel(Document* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_tabs(new QTabWidget),
      m_plddt(new PlddtPlot(document->selection())), m_pae(new MatrixView(document->selection())),
      m_contacts(new MatrixView(document->selection())) {
    setObjectName("plotsPanel");
    m_pae->setObjectName("paeView");
    m_contacts->setObjectName("contactView");
    m_tabs->addTab(m_plddt, tr("pLDDT"));
    m_tabs->addTab(m_pae, tr("PAE"));
    m_tabs->addTab(m_contacts, tr("Contacts"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
    connect(document, &Document::changed, this, [this](Document::Changes changes) {
        if (changes & (Document::SequenceChanged | Document::StructureChanged | Document::FoldsChanged |
                       Document::ComparisonChanged | Document::ConfidenceChanged | Document::ModelsChanged |
                       Document::ScoresChanged))
            refresh();
    });
    refresh();
}

void PlotsPanel::refresh() {
    m_plddt->setData(foldPlddtData(*m_document));
    m_pae->setData(foldPaeData(*m_document));

    const auto result = m_document->languageModelResult();
    const int positions = m_document->residues().size();
    const std::vector<float> contacts =
        result && m_document->scoresAreCurrent() && int(result->scores.residues.size()) == positions
            ? result->contacts
            : std::vector<float>();
    m_contacts->setData(contactMatrix(contacts, contactPositions(*m_document, positions), kContactDistance,
                                      positions, m_document->positionLabels()));
}

} // namespace esmui
