// The pLDDT colour key drawn over the 3D view and into figures: which structure it describes, the
// four AlphaFold DB bands with their names (as the AlphaFold DB and ChimeraX show them), and the
// structures drawn beside it in colours of their own.
#pragma once

#include "ui/services/colouring/Colouring.h"

#include <QImage>
#include <QString>

#include <utility>
#include <vector>

namespace esmui {

struct KeyContents {
    QString subject;                             // the structure coloured by pLDDT, "1ubq.pdb"
    std::vector<std::pair<Rgb, QString>> others; // each other structure's colour and name

    bool operator==(const KeyContents&) const = default;
};

// The key at `scale` (1 = screen size), on a translucent white card; premultiplied ARGB.
QImage plddtKeyImage(double scale, const KeyContents& contents = {});

} // namespace esmui
