// esm-explorer [FILE [MORE...]] [--screenshot OUT.png [--size WxH] [--representation R] [--color C]
// [--capture view|window]]
#include "ui/view3d/StructureView.h"
#include "ui/widgets/actions/Exports.h"
#include "ui/widgets/mainwindow/GuardedApplication.h"
#include "ui/widgets/mainwindow/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QOpenGLContext>
#include <QRegularExpression>
#include <QStatusBar>

#include <cstdio>

namespace {

int fail(const QString& message, int status) {
    std::fprintf(stderr, "esm-explorer: %s\n", qPrintable(message));
    return status;
}

// Qt's headless and framebuffer platforms composite windows in software, so a QOpenGLWidget there
// crashes in Qt's first flush (even where a GLX context could be made, as offscreen with a DISPLAY):
// say so before any window exists.
bool openGlWidgetsWork() {
    const QString platform = QApplication::platformName();
    for (const char* software : {"offscreen", "minimal", "linuxfb", "vnc"})
        if (platform == software)
            return false;
    QOpenGLContext context;
    return context.create();
}

} // namespace

int main(int argc, char** argv) {
    esmui::GuardedApplication app(argc, argv);
    QApplication::setOrganizationName("esm-explorer");
    QApplication::setApplicationName("esm-explorer");
    QApplication::setApplicationVersion(ESMX_VERSION);
    QApplication::setWindowIcon(QIcon(":/icons/esm-explorer.svg"));

    QCommandLineParser parser;
    parser.setApplicationDescription("ESM Explorer: protein language models and structure prediction.");
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument("FILE", "structure (PDB, mmCIF), sequence (FASTA) or session to open");
    parser.addPositionalArgument("MORE", "further structures, shown beside the first and superposed on it",
                                 "[MORE...]");
    parser.addOptions(
        {{"screenshot", "render once into OUT.png and exit", "OUT.png"},
         {"size", "image size for --screenshot", "WxH", "1280x800"},
         // Not --style: Qt takes -style and --style for the widget style before the parser sees them.
         {"representation", "cartoon, trace, sticks, ball-and-stick, spheres or surface", "REPRESENTATION",
          "cartoon"},
         {"color", "plddt, plddt-continuous, chain, ss, rainbow, bfactor, hydrophobicity", "SCHEME"},
         {"capture", "view (the 3D view, when a structure is open) or window", "WHAT", "view"}});
    parser.process(app);

    const auto size = QRegularExpression("^(\\d+)x(\\d+)$").match(parser.value("size"));
    if (!size.hasMatch() || size.captured(1).toInt() <= 0 || size.captured(2).toInt() <= 0)
        return fail("--size needs WIDTHxHEIGHT, e.g. 1600x1000", 2);
    const auto style = esmui::parseStyle(parser.value("representation"));
    const auto scheme = parser.isSet("color") ? esmui::parseColorScheme(parser.value("color"))
                                              : std::optional<esmui::ColorScheme>();
    if (!style || (parser.isSet("color") && !scheme))
        return fail("unknown --representation or --color (see --help)", 2);
    if (!openGlWidgetsWork())
        return fail("the '" + QApplication::platformName() +
                        "' platform has no OpenGL, which the 3D view needs (headless: run under xvfb-run)",
                    1);
    esmui::MainWindow window;
    const QStringList files = parser.positionalArguments();
    const bool opened = !files.isEmpty() && window.openFile(files.first());
    if (!opened && !files.isEmpty() && parser.isSet("screenshot"))
        return fail("cannot open " + files.first() + ": " + window.statusBar()->currentMessage(), 1);
    // Further structures join the view beside the first, superposed on it (ChimeraX's `open A B`).
    for (const QString& file : files.mid(1))
        if (!window.addStructure(file) && parser.isSet("screenshot"))
            return fail("cannot add " + file + ": " + window.statusBar()->currentMessage(), 1);
    esmui::DisplaySettings settings = window.structureView()->displaySettings();
    settings.style = *style;
    settings.colorScheme = scheme;
    window.structureView()->setDisplaySettings(settings);

    if (parser.isSet("screenshot")) {
        const QSize pixels(size.captured(1).toInt(), size.captured(2).toInt());
        window.resize(pixels);
        window.show();
        window.workspace().waitUntilIdle(120000);
        const bool view =
            parser.value("capture") == "view" && opened && window.structureView()->scene().structure();
        const QString error =
            view ? esmui::exportStructureImage(window.workspace(), parser.value("screenshot"), pixels, false)
                 : esmui::savePng(window.grab().toImage(), parser.value("screenshot"));
        return error.isEmpty() ? 0 : fail(error, 1);
    }
    window.show();
    return app.exec();
}
