// esm-explorer [FILE] [--screenshot OUT.png [--size WxH]]: the desktop application.
#include "mainwindow/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QRegularExpression>
#include <QTimer>

#include <cstdio>

namespace {

QSize parseSize(const QString& text, bool* ok) {
    const auto match = QRegularExpression("^(\\d+)x(\\d+)$").match(text);
    *ok = match.hasMatch() && match.captured(1).toInt() > 0 && match.captured(2).toInt() > 0;
    return *ok ? QSize(match.captured(1).toInt(), match.captured(2).toInt()) : QSize();
}

int fail(const QString& message, int status) {
    std::fprintf(stderr, "esm-explorer: %s\n", qPrintable(message));
    return status;
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName("esm-explorer");
    QApplication::setApplicationName("esm-explorer");
    QApplication::setApplicationVersion(ESMX_VERSION);
    QApplication::setWindowIcon(QIcon(":/icons/esm-explorer.svg"));

    QCommandLineParser parser;
    parser.setApplicationDescription("ESM Explorer: protein language models and structure prediction.");
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument("FILE", "structure (PDB, mmCIF) or sequence (FASTA) to open");
    parser.addOption({"screenshot", "render the window once into OUT.png and exit", "OUT.png"});
    parser.addOption({"size", "window size for --screenshot", "WxH", "1280x800"});
    parser.process(app);

    bool sizeOk = false;
    const QSize size = parseSize(parser.value("size"), &sizeOk);
    if (!sizeOk)
        return fail("--size needs WIDTHxHEIGHT, e.g. 1600x1000", 2);
    if (parser.positionalArguments().size() > 1)
        return fail("give at most one FILE", 2);

    esmui::MainWindow window;
    if (!parser.positionalArguments().isEmpty() && !window.openFile(parser.positionalArguments().first())) {
        if (parser.isSet("screenshot"))
            return fail("cannot open " + parser.positionalArguments().first(), 1);
    }
    if (parser.isSet("screenshot")) {
        const QString error = window.saveScreenshot(parser.value("screenshot"), size);
        return error.isEmpty() ? 0 : fail(error, 1);
    }
    window.show();
    return app.exec();
}
