// The pLDDT colour key drawn over the 3D view and into figures: the four AlphaFold DB bands with
// their names, as the AlphaFold DB and ChimeraX show them.
#pragma once

#include <QImage>

namespace esmui {

// The key at `scale` (1 = screen size), on a translucent white card; premultiplied ARGB.
QImage plddtKeyImage(double scale);

} // namespace esmui
