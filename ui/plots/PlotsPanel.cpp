#include "plots/PlotsPanel.h"

#include "document/Document.h"
#include "jobs/ScoreService.h"
#include "plots/FoldPlots.h"
#include "plots/MatrixPlot.h"
#include "plots/PlddtPlot.h"

#include <QTabWidget>
#include <QVBoxLayout>

namespace esmui {
namespace {

constexpr double kContactDistance = 8.0; // Å between Cβ (Cα of glycine)

// Pairs of positions closer than 8 Å in the document's structure, row-major over positions.
std::vector<bool> structureContacts(const Document& document, int positions) {
    std::vector<bool> contacts;
    if (!document.hasStructure())
        return contacts;
    const esm::Structure& s = document.structure();
    std::vector<std::optional<Eigen::Vector3d>> at(static_cast<std::size_t>(positions));
    for (int p = 0; p < positions; ++p)
        if (const int r = document.residueAt(p); r >= 0) {
            int atom = s.findAtom(r, "CB");
            if (atom < 0)
                atom = s.findAtom(r, "CA");
            if (atom >= 0)
                at[std::size_t(p)] = s.position(atom);
        }
    contacts.assign(std::size_t(positions) * std::size_t(positions), false);
    for (int i = 0; i < positions; ++i)
        for (int j = 0; j < positions; ++j)
            if (at[std::size_t(i)] && at[std::size_t(j)])
                contacts[std::size_t(i) * std::size_t(positions) + std::size_t(j)] =
                    (*at[std::size_t(i)] - *at[std::size_t(j)]).norm() < kContactDistance;
    return contacts;
}

} // namespace

PlotsPanel::PlotsPanel(Document* document, ScoreService* scores, QWidget* parent)
    : QWidget(parent), m_document(document), m_scores(scores), m_tabs(new QTabWidget),
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
    connect(document, &Document::changed, this, &PlotsPanel::refresh);
    connect(scores, &ScoreService::scoresChanged, this, &PlotsPanel::refresh);
    refresh();
}

void PlotsPanel::refresh() {
    m_plddt->setData(foldPlddtData(*m_document));
    m_pae->setData(foldPaeData(*m_document));

    const auto result = m_scores->result();
    const int positions = m_document->residues().size();
    const std::vector<float> contacts =
        result && m_scores->isCurrent() && int(result->scores.residues.size()) == positions
            ? result->contacts
            : std::vector<float>();
    m_contacts->setData(contactMatrix(contacts, structureContacts(*m_document, positions), positions));
}

} // namespace esmui
