#include "ui/services/document/MutationNames.h"

#include <QStringList>

namespace esmui {

QString mutationName(const QString& positionLabel, const QString& from, QChar to) {
    const qsizetype space = positionLabel.indexOf(' ');
    if (space < 0)
        return from + positionLabel + to;
    return positionLabel.left(space) + ':' + from + positionLabel.mid(space + 1) + to;
}

QString describeChanges(const QString& from, const QString& to, const std::vector<QString>& labels) {
    if (from == to)
        return QStringLiteral("wild type");
    const qsizetype residues = QString(from).remove(':').size();
    if (from.size() != to.size() || from.count(':') != to.count(':'))
        return QStringLiteral("length %1 → %2").arg(residues).arg(QString(to).remove(':').size());
    const bool labelled = labels.size() == std::size_t(residues);
    QStringList changes;
    int position = 0;
    for (int i = 0; i < from.size(); ++i) {
        if (from[i] == ':') {
            if (to[i] != ':')
                return QStringLiteral("rearranged chains");
            continue;
        }
        if (from[i] != to[i])
            changes << mutationName(labelled ? labels[std::size_t(position)] : QString::number(position + 1),
                                    from[i], to[i]);
        ++position;
    }
    return changes.join(QStringLiteral(", "));
}

} // namespace esmui
