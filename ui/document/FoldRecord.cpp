#include "document/FoldRecord.h"

#include <QStringList>

namespace esmui {

QString FoldRecord::summary(int index) const {
    return QStringLiteral("#%1 %2 · pLDDT %3 · pTM %4")
        .arg(index + 1)
        .arg(mutations)
        .arg(meanPlddt, 0, 'f', 1)
        .arg(ptm, 0, 'f', 2);
}

QString describeChanges(const QString& from, const QString& to) {
    if (from == to)
        return QStringLiteral("wild type");
    if (from.size() != to.size() || from.count(':') != to.count(':'))
        return QStringLiteral("length %1 → %2")
            .arg(QString(from).remove(':').size())
            .arg(QString(to).remove(':').size());
    QStringList changes;
    int position = 0;
    for (int i = 0; i < from.size(); ++i) {
        if (from[i] == ':') {
            if (to[i] != ':')
                return QStringLiteral("rearranged chains");
            continue;
        }
        ++position;
        if (from[i] != to[i])
            changes << QStringLiteral("%1%2%3").arg(from[i]).arg(position).arg(to[i]);
    }
    return changes.join(':');
}

} // namespace esmui
