// Render tests: the 3D view drawn by Mesa under Xvfb, checked the way a person would look at it.
#include "ui/view3d/StructureView.h"

#include "core/io/structure_files.h"

#include "TestPaths.h"

#include <QMouseEvent>
#include <QtTest>

#include <filesystem>
#include <tuple>

using esmui::DisplaySettings;
using esmui::StructureView;

namespace {

constexpr int kBands = 4; // AlphaFold DB: very high, confident, low, very low

std::shared_ptr<const esm::Structure> load(const std::filesystem::path& path) {
    return std::make_shared<const esm::Structure>(esm::readStructureFile(path));
}

int bandOf(double plddt) {
    return plddt > 90 ? 0 : plddt > 70 ? 1 : plddt > 50 ? 2 : 3;
}

// The band a rendered pixel shows, from its hue (shading changes brightness, not hue); -1 for
// background, specular white and anything else.
int bandOfPixel(QRgb pixel) {
    const QColor c = QColor::fromRgb(pixel).toHsv();
    if (c.hsvSaturationF() < 0.3 || c.valueF() < 0.15)
        return -1;
    const int hue = c.hsvHue();
    if (hue >= 207 && hue <= 235)
        return 0; // #0053D6, hue 217
    if (hue >= 185 && hue < 207)
        return 1; // #65CBF3, hue 197
    if (hue >= 38 && hue <= 65)
        return 2; // #FFDB13, hue 51
    if (hue >= 5 && hue < 38)
        return 3; // #FF7D45, hue 18
    return -1;
}

std::array<double, kBands> fractions(const std::array<int, kBands>& counts) {
    const double total = std::accumulate(counts.begin(), counts.end(), 0.0);
    std::array<double, kBands> f{};
    for (int i = 0; i < kBands; ++i)
        f[std::size_t(i)] = total > 0 ? counts[std::size_t(i)] / total : 0;
    return f;
}

std::array<double, kBands> residueBandFractions(const esm::Structure& s) {
    std::array<int, kBands> counts{};
    for (int r = 0; r < s.residueCount(); ++r)
        if (s.isPolymerResidue(r))
            ++counts[std::size_t(bandOf(s.residueConfidence(r)))];
    return fractions(counts);
}

std::array<double, kBands> pixelBandFractions(const QImage& image) {
    std::array<int, kBands> counts{};
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (const int band = bandOfPixel(image.pixel(x, y)); band >= 0)
                ++counts[std::size_t(band)];
    return fractions(counts);
}

// The box around every pixel that differs from the background.
QRect drawnBox(const QImage& image, QRgb background) {
    int left = image.width(), right = -1, top = image.height(), bottom = -1;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (image.pixel(x, y) != background) {
                left = std::min(left, x), right = std::max(right, x);
                top = std::min(top, y), bottom = std::max(bottom, y);
            }
    return right < 0 ? QRect() : QRect(QPoint(left, top), QPoint(right, bottom));
}

// ESMFold-like pLDDT on 1ubq: residues cycle through the four bands 4:3:2:1, spread over the fold.
std::shared_ptr<const esm::Structure> ubiquitinWithSyntheticPlddt() {
    esm::Structure s = esm::readStructureFile(testpaths::data("structures/1ubq.pdb"));
    const double values[10] = {95, 95, 95, 95, 80, 80, 80, 60, 60, 30};
    for (int a = 0; a < s.atomCount(); ++a)
        s.setBFactor(a, values[s.atomResidue(a) % 10]);
    s.confidence = esm::Confidence::PLDDT;
    s.experimentalMethod.clear();
    return std::make_shared<const esm::Structure>(std::move(s));
}

void drag(QWidget* widget, QPoint from, QPoint to) {
    QMouseEvent press(QEvent::MouseButtonPress, from, widget->mapToGlobal(from), Qt::LeftButton,
                      Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(widget, &press);
    for (int step = 1; step <= 10; ++step) {
        const QPoint at = from + (to - from) * step / 10;
        QMouseEvent move(QEvent::MouseMove, at, widget->mapToGlobal(at), Qt::NoButton, Qt::LeftButton,
                         Qt::NoModifier);
        QApplication::sendEvent(widget, &move);
    }
    QMouseEvent release(QEvent::MouseButtonRelease, to, widget->mapToGlobal(to), Qt::LeftButton, Qt::NoButton,
                        Qt::NoModifier);
    QApplication::sendEvent(widget, &release);
}

} // namespace

class TestStructureView : public QObject {
    Q_OBJECT

    std::unique_ptr<StructureView> view_;

    StructureView& shownView(std::shared_ptr<const esm::Structure> structure, DisplaySettings settings = {}) {
        view_ = std::make_unique<StructureView>();
        view_->resize(800, 600);
        view_->show();
        if (!QTest::qWaitForWindowExposed(view_.get()))
            qFatal("the 3D view was never exposed");
        view_->showStructure(std::move(structure), settings, true);
        return *view_;
    }

    static QImage grab(StructureView& view) {
        return view.grabFramebuffer().convertToFormat(QImage::Format_RGB32);
    }

    // pLDDT colours in the rendered picture against the residues' own pLDDT values.
    void checkBandProportions(std::shared_ptr<const esm::Structure> structure, double tolerance) {
        DisplaySettings settings;
        settings.showLegend = false;
        StructureView& view = shownView(structure, settings);
        const auto expected = residueBandFractions(*structure);
        const auto seen = pixelBandFractions(view.renderImage(QSize(1200, 900), false));
        for (int band = 0; band < kBands; ++band) {
            qInfo("band %d: residues %.3f, pixels %.3f", band, expected[std::size_t(band)],
                  seen[std::size_t(band)]);
            QVERIFY2(std::abs(expected[std::size_t(band)] - seen[std::size_t(band)]) < tolerance,
                     qPrintable(QString("band %1").arg(band)));
        }
    }

  private Q_SLOTS:
    void cleanup() { view_.reset(); }

    void theMoleculeIsCentredAndFillsTheView() {
        StructureView& view = shownView(load(testpaths::data("structures/1ubq.pdb")));
        for (bool orthographic : {true, false}) {
            view.setOrthographic(orthographic);
            const QImage image = grab(view);
            QCOMPARE(image.size(), QSize(800, 600) * view.devicePixelRatioF());
            const QRect box = drawnBox(image, qRgb(255, 255, 255));
            QVERIFY(box.isValid());
            const QPointF offset = QPointF(box.center()) - QPointF(image.rect().center());
            qInfo("orthographic %d: drawn box %dx%d at offset (%.0f, %.0f)", orthographic, box.width(),
                  box.height(), offset.x(), offset.y());
            QVERIFY(std::abs(offset.x()) < 0.08 * image.width() &&
                    std::abs(offset.y()) < 0.08 * image.height());
            // Home frames the bounding sphere, so that no orientation cuts the molecule off; 1ubq's
            // C-terminal tail makes that sphere half again as wide as the body.
            QVERIFY(box.height() > 0.5 * image.height() || box.width() > 0.5 * image.width());
            QVERIFY(box.height() < image.height() && box.width() < image.width()); // nothing cut off
        }
    }

    // Defect: 6WQA (~100 Å long) was clipped at top and bottom in the first frame and after Home.
    // Every atom stays inside the view at any aspect, after a resize, and in figures.
    void aLongMoleculeIsNeverCutOff() {
        const auto structure = load(testpaths::data("structures/6WQA.cif.gz"));
        StructureView& view = shownView(structure);
        auto everyAtomInside = [&](const char* when) {
            const QSize size = view.size();
            double left = 1e9, right = -1e9, top = 1e9, bottom = -1e9;
            for (int a = 0; a < structure->atomCount(); ++a) {
                const auto p = view.project(structure->position(a));
                left = std::min(left, p.x()), right = std::max(right, p.x());
                top = std::min(top, p.y()), bottom = std::max(bottom, p.y());
            }
            qInfo("%s, %dx%d: atoms span x %.0f..%.0f, y %.0f..%.0f", when, size.width(), size.height(), left,
                  right, top, bottom);
            QVERIFY2(left > 0 && top > 0 && right < size.width() && bottom < size.height(), when);
            // Framed, not lost in the middle: the molecule spans most of one side.
            QVERIFY2(right - left > 0.5 * size.width() || bottom - top > 0.5 * size.height(), when);
        };
        for (const QSize size : {QSize(800, 600), QSize(400, 900), QSize(1200, 300)}) {
            view.resize(size);
            QTRY_COMPARE(view.size(), size);
            QApplication::processEvents();
            for (bool orthographic : {true, false}) {
                view.setOrthographic(orthographic); // resets the view, as Home does
                everyAtomInside(orthographic ? "orthographic" : "perspective");
                if (QTest::currentTestFailed())
                    return;
            }
        }
        // The first frame: a structure shown into a view that is then resized.
        view.showStructure(structure, view.displaySettings(), true);
        view.resize(500, 800);
        QTRY_COMPARE(view.size(), QSize(500, 800));
        everyAtomInside("first frame, resized");
        // A figure of another aspect frames it too: nothing touches the edges.
        for (const QSize size : {QSize(600, 1200), QSize(1600, 400)}) {
            const QImage image = view.renderImage(size, false).convertToFormat(QImage::Format_RGB32);
            const QRect box = drawnBox(image, image.pixel(0, 0));
            QVERIFY(box.isValid());
            QVERIFY2(box.left() > 0 && box.top() > 0 && box.right() < size.width() - 1 &&
                         box.bottom() < size.height() - 1,
                     qPrintable(QString("figure %1x%2").arg(size.width()).arg(size.height())));
        }
    }

    // Measuring: two clicked atoms give a drawn distance and its length.
    void twoPickedAtomsAreMeasured() {
        const auto structure = load(testpaths::data("structures/1ubq.pdb"));
        StructureView& view = shownView(structure);
        QSignalSpy measured(&view, &StructureView::distanceMeasured);
        view.setMeasuring(true);
        const int ca48 = structure->findAtom(47, "CA"), ca11 = structure->findAtom(10, "CA");
        const QImage before = view.renderImage(QSize(400, 300), false);
        for (int atom : {ca48, ca11}) {
            const auto p = view.project(structure->position(atom));
            QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, QPoint(int(p.x()), int(p.y())));
        }
        QCOMPARE(measured.count(), 1);
        const int a = measured.first()[0].toInt(), b = measured.first()[1].toInt();
        QCOMPARE(view.scene().distances().size(), std::size_t(1));
        const double expected = (structure->position(a) - structure->position(b)).norm();
        QCOMPARE(measured.first()[2].toDouble(), expected);
        QVERIFY(structure->atomResidue(a) == 47 || structure->atomResidue(b) == 10); // the atoms clicked
        QVERIFY(view.renderImage(QSize(400, 300), false) != before);
        view.clearDistances();
        QVERIFY(view.scene().distances().empty());
        // Not measuring, a click selects a residue again.
        view.setMeasuring(false);
        QSignalSpy clicked(&view, &StructureView::residueClicked);
        const auto p = view.project(structure->position(ca48));
        QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, QPoint(int(p.x()), int(p.y())));
        QCOMPARE(clicked.count(), 1);
    }

    // Issue 29: a label on THR 14 sat partly behind the ribbons. Labels are drawn over the molecule,
    // as ChimeraX and PyMOL draw them: one on the residue farthest from the camera, behind spheres,
    // shows as much as one on the nearest.
    void labelsAreDrawnOverTheMolecule() {
        const auto structure = load(testpaths::data("structures/1ubq.pdb"));
        DisplaySettings spheres;
        spheres.style = esmui::Style::Spheres;
        spheres.showLegend = false;
        StructureView& view = shownView(structure, spheres);
        const std::vector<double> camera = view.cameraState();
        const Eigen::Vector3d eye(camera[0], camera[1], camera[2]), focus(camera[3], camera[4], camera[5]);
        const Eigen::Vector3d direction = (focus - eye).normalized();
        int nearest = -1, farthest = -1;
        double nearestDepth = 1e300, farthestDepth = -1e300;
        for (int r = 0; r < 76; ++r) {
            const double depth = (structure->position(structure->findAtom(r, "CA")) - eye).dot(direction);
            if (depth < nearestDepth)
                std::tie(nearest, nearestDepth) = std::pair(r, depth);
            if (depth > farthestDepth)
                std::tie(farthest, farthestDepth) = std::pair(r, depth);
        }
        const QSize size(800, 600);
        const QImage plain = view.renderImage(size, false).convertToFormat(QImage::Format_RGB32);
        auto labelPixels = [&](int residue) {
            view.setLabelledResidues({residue});
            const QImage labelled = view.renderImage(size, false).convertToFormat(QImage::Format_RGB32);
            int changed = 0;
            for (int y = 0; y < size.height(); ++y)
                for (int x = 0; x < size.width(); ++x)
                    changed += labelled.pixel(x, y) != plain.pixel(x, y);
            return changed;
        };
        const int front = labelPixels(nearest), back = labelPixels(farthest);
        qInfo("label pixels: nearest residue %d, farthest %d", front, back);
        QVERIFY(front > 300);
        QVERIFY2(back > front / 2, "the far label is hidden by the molecule");
    }

    // The molecular surface encloses every atom and takes the colouring of the others.
    void theSurfaceEnclosesTheAtomsAndIsColouredByThem() {
        const auto structure = load(testpaths::data("structures/1hpv.pdb"));
        DisplaySettings settings;
        settings.style = esmui::Style::Surface;
        settings.colorScheme = esmui::ColorScheme::Chain;
        settings.showLigands = false;
        StructureView& view = shownView(structure, settings);
        QVERIFY(view.scene().triangleCount(false) > 10000);
        // Both chains' colours show; picking on the surface names a residue.
        const QImage image = view.renderImage(QSize(600, 450), false).convertToFormat(QImage::Format_RGB32);
        settings.style = esmui::Style::Spheres;
        view.setDisplaySettings(settings);
        const QImage spheres = view.renderImage(QSize(600, 450), false).convertToFormat(QImage::Format_RGB32);
        QVERIFY(image != spheres);
        const QRect surfaceBox = drawnBox(image, image.pixel(0, 0)),
                    spheresBox = drawnBox(spheres, spheres.pixel(0, 0));
        // A surface over van der Waals spheres covers at least what they cover.
        QVERIFY2(surfaceBox.width() >= spheresBox.width() - 4 &&
                     surfaceBox.height() >= spheresBox.height() - 4,
                 qPrintable(QString("surface %1x%2, spheres %3x%4")
                                .arg(surfaceBox.width())
                                .arg(surfaceBox.height())
                                .arg(spheresBox.width())
                                .arg(spheresBox.height())));
        settings.style = esmui::Style::Surface;
        view.setDisplaySettings(settings);
        QVERIFY(view.residueAt(view.rect().center()) >= 0);
        QCOMPARE(esmui::parseStyle("surface"), std::optional<esmui::Style>(esmui::Style::Surface));
    }

    void theFourPlddtColoursFollowTheResidueValues() {
        auto ubiquitin = ubiquitinWithSyntheticPlddt();
        const auto expected = residueBandFractions(*ubiquitin);
        QVERIFY(expected[0] > 0.35 && expected[3] > 0.05);
        checkBandProportions(ubiquitin, 0.06);
    }

    void aRealPredictionIsColouredByItsPlddt() {
        const auto path =
            testpaths::shared("data/esmfold-predictions/esmfold_wilke_ESMFoldApp/test_100aa.pdb");
        if (!std::filesystem::exists(path))
            QSKIP("../shared/data/esmfold-predictions is absent");
        auto prediction = load(path);
        QCOMPARE(prediction->confidence, esm::Confidence::PLDDT);
        checkBandProportions(prediction, 0.08);
    }

    void thePlddtKeyIsDrawnBottomLeft() {
        StructureView& view = shownView(ubiquitinWithSyntheticPlddt());
        view.setBackgroundColour(Qt::black);
        for (const QSize size : {QSize(800, 600), QSize(3200, 2400)}) {
            const QImage image = view.renderImage(size, false);
            const QRect corner(0, size.height() * 4 / 5, size.width() / 5, size.height() / 5);
            const QImage key = image.copy(corner);
            std::array<int, kBands> counts{};
            int light = 0;
            for (int y = 0; y < key.height(); ++y)
                for (int x = 0; x < key.width(); ++x) {
                    if (const int band = bandOfPixel(key.pixel(x, y)); band >= 0)
                        ++counts[std::size_t(band)];
                    light += qGray(key.pixel(x, y)) > 150;
                }
            // Four swatches on a light card, scaled with the figure.
            for (int count : counts)
                QVERIFY(count > 40 * (size.width() / 800) * (size.width() / 800));
            QVERIFY(light > key.width() * key.height() / 10);
        }
        DisplaySettings noKey;
        noKey.showLegend = false;
        view.setDisplaySettings(noKey);
        const QImage image = view.renderImage(QSize(800, 600), false);
        QCOMPARE(drawnBox(image.copy(0, 540, 60, 60), qRgb(0, 0, 0)), QRect());
    }

    void aFigureShowsWhatTheViewShows() {
        StructureView& view = shownView(load(testpaths::data("structures/1hpv.pdb")));
        const QImage onScreen = grab(view);
        const QImage figure = view.renderImage(onScreen.size(), false).convertToFormat(QImage::Format_RGB32);
        double difference = 0;
        for (int y = 0; y < figure.height(); ++y)
            for (int x = 0; x < figure.width(); ++x)
                difference += std::abs(qGray(figure.pixel(x, y)) - qGray(onScreen.pixel(x, y)));
        // Same orientation (a mirrored figure would invert the helices' hand), same framing.
        QVERIFY(difference / (figure.width() * figure.height()) < 2.0);
    }

    void clickingAResiduePicksIt() {
        // The front-most atom's centre is drawn by that atom whatever else is in the scene.
        auto structure = load(testpaths::data("structures/1ubq.pdb"));
        DisplaySettings spheres;
        spheres.style = esmui::Style::Spheres;
        StructureView& view = shownView(structure, spheres);
        QSignalSpy clicked(&view, &StructureView::residueClicked);
        std::set<int> picked;
        for (int turn = 0; turn < 6; ++turn) {
            drag(&view, QPoint(300, 300), QPoint(370, 320)); // rotate to a new side
            grab(view);
            int front = -1;
            double nearest = 2;
            for (int a = 0; a < structure->atomCount(); ++a) {
                if (!structure->isPolymerResidue(structure->atomResidue(a)))
                    continue; // waters are hidden
                const auto p = view.project(structure->position(a));
                if (p.z() < nearest && p.x() > 0 && p.y() > 0 && p.x() < view.width() &&
                    p.y() < view.height())
                    nearest = p.z(), front = a;
            }
            QVERIFY(front >= 0);
            const auto p = view.project(structure->position(front));
            const QPoint pixel(int(std::lround(p.x())), int(std::lround(p.y())));
            const int expected = structure->atomResidue(front);
            QCOMPARE(view.residueAt(pixel), expected);
            QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, pixel);
            QCOMPARE(clicked.takeLast().at(0).toInt(), expected);
            picked.insert(expected);
        }
        QVERIFY(picked.size() >= 3);                // the drags really turned the molecule
        QCOMPARE(view.residueAt(QPoint(2, 2)), -1); // the background is nothing
    }

    void aHighResolutionFigureIsRenderedNotScaled() {
        StructureView& view = shownView(load(testpaths::data("structures/1ubq.pdb")));
        const QImage image = view.renderImage(QSize(4000, 3000), true);
        QCOMPARE(image.size(), QSize(4000, 3000));
        QCOMPARE(qAlpha(image.pixel(5, 5)), 0); // transparent background
        const QRect box = drawnBox(image, image.pixel(5, 5));
        QVERIFY(box.width() > 1500 || box.height() > 1500); // the framed molecule (see below)
        // Fine detail: a screen grab scaled up would repeat each pixel in 5x5 blocks.
        int changes = 0;
        for (int x = box.left(); x < box.right(); ++x)
            changes += image.pixel(x, box.center().y()) != image.pixel(x + 1, box.center().y());
        QVERIFY(changes > box.width() / 8);
        int opaque = 0;
        for (int x = box.left(); x <= box.right(); ++x)
            opaque += qAlpha(image.pixel(x, box.center().y())) == 255;
        QVERIFY(opaque > 0);
    }

    void everyStyleAndColourDrawsSomething() {
        StructureView& view = shownView(load(testpaths::data("structures/1hpv.pdb")));
        for (auto style : {esmui::Style::Cartoon, esmui::Style::Trace, esmui::Style::Sticks,
                           esmui::Style::BallAndStick, esmui::Style::Spheres, esmui::Style::Surface}) {
            for (auto scheme : {esmui::ColorScheme::Chain, esmui::ColorScheme::SecondaryStructure,
                                esmui::ColorScheme::Rainbow, esmui::ColorScheme::Hydrophobicity}) {
                DisplaySettings settings;
                settings.style = style;
                settings.colorScheme = scheme;
                view.setDisplaySettings(settings);
                const QImage image = grab(view);
                QSet<QRgb> colours;
                for (int y = 0; y < image.height(); y += 4)
                    for (int x = 0; x < image.width(); x += 4)
                        colours.insert(image.pixel(x, y));
                QVERIFY2(colours.size() > 50,
                         qPrintable(esmui::styleName(style) + " " + esmui::colorSchemeName(scheme)));
            }
        }
    }

    void chainColoursTellTheTwoChainsApart() {
        DisplaySettings settings;
        settings.colorScheme = esmui::ColorScheme::Chain;
        StructureView& view = shownView(load(testpaths::data("structures/1hpv.pdb")), settings);
        const QImage image = grab(view);
        std::map<int, int> hues; // hue bucket -> pixels
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                if (const QColor c = QColor::fromRgb(image.pixel(x, y)).toHsv(); c.hsvSaturationF() > 0.3)
                    ++hues[c.hsvHue() / 30];
        int big = 0;
        for (auto [bucket, pixels] : hues)
            big += pixels > image.width() * image.height() / 100;
        QVERIFY(big >= 2);
    }
};

QTEST_MAIN(TestStructureView)
#include "test_structure_view.moc"
