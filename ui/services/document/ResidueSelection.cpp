#include "ui/services/document/ResidueSelection.h"

#include <algorithm>

namespace esmui {

void ResidueSelection::select(std::set<int> positions) {
    if (positions == m_positions)
        return;
    m_positions = std::move(positions);
    Q_EMIT changed();
}

void ResidueSelection::selectOnly(int position) {
    m_anchor = position;
    select({position});
}

void ResidueSelection::toggle(int position) {
    std::set<int> next = m_positions;
    if (!next.erase(position))
        next.insert(position);
    m_anchor = position;
    select(std::move(next));
}

void ResidueSelection::extendTo(int position) {
    if (m_anchor < 0) {
        selectOnly(position);
        return;
    }
    std::set<int> next = m_positions;
    for (int p = std::min(m_anchor, position); p <= std::max(m_anchor, position); ++p)
        next.insert(p);
    select(std::move(next));
}

void ResidueSelection::clear() {
    m_anchor = -1;
    select({});
}

} // namespace esmui
