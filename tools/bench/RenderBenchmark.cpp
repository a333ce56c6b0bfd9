#include "RenderBenchmark.h"

#include "ui/view3d/StructureView.h"

#include "core/io/structure_files.h"

#include <QCoreApplication>
#include <QFile>
#include <QOpenGLContext>
#include <QOpenGLFunctions>
#include <QWindow>

#include <chrono>

namespace esmui {
namespace {

const char* const kChainIds = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

// Copies of ubiquitin on a grid, one chain each, until the structure has at least `residues`.
esm::Structure tiledUbiquitin(int residues) {
    QFile file(":/examples/1ubq.pdb");
    if (!file.open(QIODevice::ReadOnly))
        throw std::runtime_error("the bundled 1ubq example is missing");
    const esm::Structure unit =
        esm::readStructureText(file.readAll().toStdString(), esm::StructureFormat::Pdb, "1ubq.pdb", "1ubq");
    const std::vector<int> polymer = unit.polymerResidues(0);
    esm::Structure tiled;
    tiled.name = "ubiquitin-tiles";
    tiled.addConformer(1);
    const int copies = (residues + int(polymer.size()) - 1) / int(polymer.size());
    const int side = int(std::ceil(std::cbrt(double(copies))));
    for (int copy = 0; copy < copies; ++copy) {
        const Eigen::Vector3d shift(40.0 * (copy % side), 40.0 * ((copy / side) % side),
                                    40.0 * (copy / side / side));
        tiled.addChain(std::string(1, kChainIds[copy % 62]));
        for (int r : polymer) {
            tiled.addResidue(unit.residueName(r), unit.residueNumber(r), unit.insertionCode(r), false);
            for (int a = unit.residueAtoms(r).begin; a < unit.residueAtoms(r).end; ++a)
                tiled.addAtom({unit.atomName(a), unit.element(a), unit.position(a) + shift, 1.0f,
                               unit.bFactor(a), a + 1});
        }
    }
    return tiled;
}

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

esm::BenchTable benchRender(const RenderBenchOptions& options) {
    esm::BenchTable table;
    table.columns = {"residues",           "style",    "triangles", "build ms", "ms/frame", "frames/s",
                     "turning: triangles", "ms/frame", "frames/s"};
    StructureView view;
    view.resize(options.size);
    view.show();
    const auto shown = std::chrono::steady_clock::now();
    while (!(view.windowHandle() && view.windowHandle()->isExposed()) && secondsSince(shown) < 10)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    if (!view.windowHandle()->isExposed())
        throw std::runtime_error("the 3D view never appeared (is there a display? try xvfb-run -a)");
    for (int residues : options.residues) {
        auto structure = std::make_shared<const esm::Structure>(tiledUbiquitin(residues));
        for (const QString& styleName : options.styles) {
            const auto style = parseStyle(styleName);
            if (!style)
                throw std::runtime_error("unknown style '" + styleName.toStdString() + "'");
            DisplaySettings settings;
            settings.style = *style;
            const auto start = std::chrono::steady_clock::now();
            view.showStructure(structure, settings, true);
            const double build = secondsSince(start);
            std::vector<std::string> row{std::to_string(structure->residueCount()), styleName.toStdString()};
            for (bool interactive : {false, true}) {
                view.measureFrameSeconds(3, interactive); // warm-up: shader compilation, buffer upload
                const double frame = view.measureFrameSeconds(options.frames, interactive);
                row.push_back(std::to_string(view.scene().triangleCount(interactive)));
                if (!interactive)
                    row.push_back(esm::formatNumber(build * 1e3, 0));
                row.push_back(esm::formatNumber(frame * 1e3, 1));
                row.push_back(esm::formatNumber(1.0 / frame, 1));
            }
            table.rows.push_back(row);
        }
    }
    const auto* context = QOpenGLContext::currentContext();
    const char* renderer =
        context ? reinterpret_cast<const char*>(context->functions()->glGetString(GL_RENDERER)) : nullptr;
    table.notes.push_back(
        "OpenGL renderer: " + std::string(renderer ? renderer : "unknown") + "; view " +
        std::to_string(options.size.width()) + "x" + std::to_string(options.size.height()) + " pixels; " +
        std::to_string(options.frames) +
        " frames per cell, turning 3 degrees each. While the user turns a big structure the view draws a\n"
        "coarser mesh (\"turning\" columns) and the full one as soon as it stops.");
    return table;
}

} // namespace esmui
