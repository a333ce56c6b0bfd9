// Comparisons of two structures used by the I/O round-trip tests.
#pragma once

#include "core/structure/structure.h"

#include <QtTest>
#include <cmath>

namespace structurechecks {

// Same models, chains, residues and atoms, coordinates within `tolerance` Å, B within 0.005.
inline void compareStructures(const esm::Structure& a, const esm::Structure& b, double tolerance = 0.0005) {
    QCOMPARE(a.conformerCount(), b.conformerCount());
    QCOMPARE(a.chainCount(), b.chainCount());
    QCOMPARE(a.residueCount(), b.residueCount());
    QCOMPARE(a.atomCount(), b.atomCount());
    QCOMPARE(a.confidence, b.confidence);
    for (int c = 0; c < a.chainCount(); ++c)
        QCOMPARE(a.chainId(c), b.chainId(c));
    for (int r = 0; r < a.residueCount(); ++r) {
        QCOMPARE(a.residueName(r), b.residueName(r));
        QCOMPARE(a.residueNumber(r), b.residueNumber(r));
        QCOMPARE(a.insertionCode(r), b.insertionCode(r));
        QCOMPARE(a.isHetero(r), b.isHetero(r));
        QCOMPARE(a.residueChain(r), b.residueChain(r));
    }
    for (int i = 0; i < a.atomCount(); ++i) {
        QCOMPARE(a.atomName(i), b.atomName(i));
        QCOMPARE(a.element(i), b.element(i));
        QVERIFY2((a.position(i) - b.position(i)).cwiseAbs().maxCoeff() <= tolerance,
                 qPrintable(QString("atom %1 moved").arg(i)));
        QVERIFY(std::abs(a.bFactor(i) - b.bFactor(i)) <= 0.0051f);
        QVERIFY(std::abs(a.occupancy(i) - b.occupancy(i)) <= 0.0051f);
    }
}

} // namespace structurechecks
