// Follows the DSSP algorithm as implemented in mkdssp 4 (dssp/src/structure.cpp): energies,
// bond tests, helix flags, bridge and ladder building, bulge merging and the assignment order.
#include "core/structure/secondary_structure.h"

#include <Eigen/Geometry>

#include <algorithm>
#include <array>
#include <cmath>
#include <deque>
#include <limits>

namespace esm {
namespace {

using Vec = Eigen::Vector3d;

constexpr double kMinimalDistance = 0.5;
constexpr double kMinHBondEnergy = -9.9;
constexpr double kMaxHBondEnergy = -0.5;
constexpr double kCouplingConstant = -27.888; // -332 * 0.42 * 0.2
constexpr double kMinimalCADistance = 9.0;
constexpr double kMaxPeptideBondLength = 2.5;

struct HBond {
    int partner = -1;
    double energy = 0;
};

enum class HelixFlag { None, Start, End, StartAndEnd, Middle };

struct Residue {
    int structureIndex = 0;
    int chain = 0;
    bool proline = false;
    Vec n = Vec::Zero(), ca = Vec::Zero(), c = Vec::Zero(), o = Vec::Zero(), h = Vec::Zero();
    double phi = 360, psi = 360;      // degrees; 360 where undefined (chain ends and breaks)
    std::array<HBond, 2> acceptors{}; // this residue's N-H donates to these C=O
    std::array<HBond, 2> donors{};    // this residue's C=O accepts from these N-H
    std::array<HelixFlag, 3> helix{HelixFlag::None, HelixFlag::None, HelixFlag::None}; // strides 3, 4, 5
    char ss = '-';
    bool bend = false;
};

class Dssp {
  public:
    explicit Dssp(std::vector<Residue> residues) : r_(std::move(residues)) {}

    void run() {
        placeHydrogens();
        calculateHBonds();
        calculateBends();
        calculateBetaSheets();
        calculateHelices();
        calculateDihedrals();
        calculatePolyprolineHelices();
    }
    const std::vector<Residue>& residues() const { return r_; }

  private:
    // Consecutive residues of one chain joined by a peptide bond, between a and b inclusive.
    bool noChainBreak(int a, int b) const {
        for (int i = a; i < b; ++i)
            if (r_[i].chain != r_[i + 1].chain || (r_[i].c - r_[i + 1].n).norm() > kMaxPeptideBondLength)
                return false;
        return true;
    }

    void placeHydrogens() {
        for (std::size_t i = 0; i < r_.size(); ++i) {
            r_[i].h = r_[i].n;
            if (i > 0 && noChainBreak(int(i) - 1, int(i))) {
                const Vec co = r_[i - 1].c - r_[i - 1].o;
                r_[i].h += co / co.norm();
            }
        }
    }

    static void keepBest(std::array<HBond, 2>& slots, int partner, double energy) {
        if (energy < slots[0].energy) {
            slots[1] = slots[0];
            slots[0] = {partner, energy};
        } else if (energy < slots[1].energy) {
            slots[1] = {partner, energy};
        }
    }

    void hbondEnergy(int donor, int acceptor) {
        Residue& d = r_[donor];
        Residue& a = r_[acceptor];
        double energy = 0;
        if (!d.proline) {
            const double ho = (d.h - a.o).norm(), hc = (d.h - a.c).norm(), nc = (d.n - a.c).norm(),
                         no = (d.n - a.o).norm();
            if (ho < kMinimalDistance || hc < kMinimalDistance || nc < kMinimalDistance ||
                no < kMinimalDistance)
                energy = kMinHBondEnergy;
            else
                energy = kCouplingConstant / ho - kCouplingConstant / hc + kCouplingConstant / nc -
                         kCouplingConstant / no;
            energy = std::round(energy * 1000) / 1000; // as DSSP: energies in 0.001 kcal/mol
            energy = std::max(energy, kMinHBondEnergy);
        }
        keepBest(d.acceptors, acceptor, energy);
        keepBest(a.donors, donor, energy);
    }

    void calculateHBonds() {
        const int n = int(r_.size());
        for (int i = 0; i + 1 < n; ++i)
            for (int j = i + 1; j < n; ++j)
                if ((r_[i].ca - r_[j].ca).norm() < kMinimalCADistance) {
                    hbondEnergy(i, j);
                    if (j != i + 1)
                        hbondEnergy(j, i);
                }
    }

    // Is the N-H of `donor` bonded to the C=O of `acceptor`?
    bool testBond(int donor, int acceptor) const {
        if (donor < 0 || acceptor < 0 || donor >= int(r_.size()) || acceptor >= int(r_.size()))
            return false;
        for (const auto& b : r_[donor].acceptors)
            if (b.partner == acceptor && b.energy < kMaxHBondEnergy)
                return true;
        return false;
    }

    void calculateBends() {
        const int n = int(r_.size());
        for (int i = 2; i + 2 < n; ++i) {
            if (!noChainBreak(i - 2, i + 2))
                continue;
            const Vec v1 = r_[i].ca - r_[i - 2].ca, v2 = r_[i + 2].ca - r_[i].ca;
            const double cosine = v1.dot(v2) / (v1.norm() * v2.norm());
            r_[i].bend = std::acos(std::clamp(cosine, -1.0, 1.0)) * 180.0 / M_PI > 70.0;
        }
    }

    enum class BridgeType { None, Parallel, AntiParallel };

    BridgeType testBridge(int i, int j) const {
        const int a = i - 1, b = i, c = i + 1, d = j - 1, e = j, f = j + 1;
        const int n = int(r_.size());
        if (a < 0 || f >= n || !noChainBreak(a, c) || !noChainBreak(d, f))
            return BridgeType::None;
        if ((testBond(c, e) && testBond(e, a)) || (testBond(f, b) && testBond(b, d)))
            return BridgeType::Parallel;
        if ((testBond(c, d) && testBond(f, a)) || (testBond(e, b) && testBond(b, e)))
            return BridgeType::AntiParallel;
        return BridgeType::None;
    }

    struct Ladder {
        BridgeType type;
        std::deque<int> i, j;
        int chainI, chainJ;
        bool operator<(const Ladder& o) const {
            return chainI < o.chainI || (chainI == o.chainI && i.front() < o.i.front());
        }
    };

    void calculateBetaSheets() {
        std::vector<Ladder> ladders;
        const int n = int(r_.size());
        for (int i = 1; i + 4 < n; ++i)
            for (int j = i + 3; j + 1 < n; ++j) {
                const BridgeType type = testBridge(i, j);
                if (type == BridgeType::None)
                    continue;
                bool extended = false;
                for (auto& l : ladders) {
                    if (type != l.type || i != l.i.back() + 1)
                        continue;
                    if (type == BridgeType::Parallel && l.j.back() + 1 == j) {
                        l.i.push_back(i);
                        l.j.push_back(j);
                        extended = true;
                        break;
                    }
                    if (type == BridgeType::AntiParallel && l.j.front() - 1 == j) {
                        l.i.push_back(i);
                        l.j.push_front(j);
                        extended = true;
                        break;
                    }
                }
                if (!extended)
                    ladders.push_back({type, {i}, {j}, r_[i].chain, r_[j].chain});
            }
        mergeBulges(ladders);
        for (const auto& l : ladders) {
            const char ss = l.i.size() > 1 ? 'E' : 'B';
            for (auto range : {std::pair{l.i.front(), l.i.back()}, std::pair{l.j.front(), l.j.back()}})
                for (int k = range.first; k <= range.second; ++k)
                    if (r_[k].ss != 'E')
                        r_[k].ss = ss;
        }
    }

    // mkdssp computes these residue gaps in unsigned arithmetic: a negative gap is huge.
    static long gap(int to, int from) {
        return to >= from ? long(to - from) : std::numeric_limits<long>::max();
    }

    // Ladders separated by a bulge (a small gap on one or both strands) become one ladder.
    void mergeBulges(std::vector<Ladder>& ladders) const {
        std::sort(ladders.begin(), ladders.end());
        for (std::size_t x = 0; x < ladders.size(); ++x)
            for (std::size_t y = x + 1; y < ladders.size(); ++y) {
                Ladder &p = ladders[x], &q = ladders[y];
                const int ibi = p.i.front(), iei = p.i.back(), jbi = p.j.front(), jei = p.j.back();
                const int ibj = q.i.front(), iej = q.i.back(), jbj = q.j.front(), jej = q.j.back();
                if (p.type != q.type || p.chainI != q.chainI || p.chainJ != q.chainJ ||
                    !noChainBreak(std::min(ibi, ibj), std::max(iei, iej)) ||
                    !noChainBreak(std::min(jbi, jbj), std::max(jei, jej)) || gap(ibj, iei) >= 6 ||
                    (iei >= ibj && ibi <= iej))
                    continue;
                const bool bulge = p.type == BridgeType::Parallel
                                       ? ((gap(jbj, jei) < 6 && gap(ibj, iei) < 3) || gap(jbj, jei) < 3)
                                       : ((gap(jbi, jej) < 6 && gap(ibj, iei) < 3) || gap(jbi, jej) < 3);
                if (!bulge)
                    continue;
                p.i.insert(p.i.end(), q.i.begin(), q.i.end());
                if (p.type == BridgeType::Parallel)
                    p.j.insert(p.j.end(), q.j.begin(), q.j.end());
                else
                    p.j.insert(p.j.begin(), q.j.begin(), q.j.end());
                ladders.erase(ladders.begin() + std::ptrdiff_t(y));
                --y;
            }
    }

    HelixFlag& flag(int i, int stride) { return r_[i].helix[stride - 3]; }
    bool isHelixStart(int i, int stride) const {
        const HelixFlag f = r_[i].helix[stride - 3];
        return f == HelixFlag::Start || f == HelixFlag::StartAndEnd;
    }

    void calculateHelices() {
        const int n = int(r_.size());
        for (int stride = 3; stride <= 5; ++stride)
            for (int i = 0; i + stride < n; ++i)
                if (noChainBreak(i, i + stride) && testBond(i + stride, i)) {
                    flag(i + stride, stride) = HelixFlag::End;
                    for (int j = i + 1; j < i + stride; ++j)
                        if (flag(j, stride) == HelixFlag::None)
                            flag(j, stride) = HelixFlag::Middle;
                    flag(i, stride) =
                        flag(i, stride) == HelixFlag::End ? HelixFlag::StartAndEnd : HelixFlag::Start;
                }

        for (int i = 1; i + 4 < n; ++i)
            if (isHelixStart(i, 4) && isHelixStart(i - 1, 4))
                for (int j = i; j <= i + 3; ++j)
                    r_[j].ss = 'H';
        for (int i = 1; i + 3 < n; ++i)
            if (isHelixStart(i, 3) && isHelixStart(i - 1, 3)) {
                bool empty = true;
                for (int j = i; empty && j <= i + 2; ++j)
                    empty = r_[j].ss == '-' || r_[j].ss == 'G';
                if (empty)
                    for (int j = i; j <= i + 2; ++j)
                        r_[j].ss = 'G';
            }
        // mkdssp 4 prefers pi helices over alpha helices.
        for (int i = 1; i + 5 < n; ++i)
            if (isHelixStart(i, 5) && isHelixStart(i - 1, 5)) {
                bool empty = true;
                for (int j = i; empty && j <= i + 4; ++j)
                    empty = r_[j].ss == '-' || r_[j].ss == 'I' || r_[j].ss == 'H';
                if (empty)
                    for (int j = i; j <= i + 4; ++j)
                        r_[j].ss = 'I';
            }
        for (int i = 1; i + 1 < n; ++i) {
            if (r_[i].ss != '-')
                continue;
            bool turn = false;
            for (int stride = 3; stride <= 5 && !turn; ++stride)
                for (int k = 1; k < stride && !turn; ++k)
                    turn = i >= k && isHelixStart(i - k, stride);
            if (turn)
                r_[i].ss = 'T';
            else if (r_[i].bend)
                r_[i].ss = 'S';
        }
    }

    static double dihedral(const Vec& p1, const Vec& p2, const Vec& p3, const Vec& p4) {
        const Vec v12 = p1 - p2, v43 = p4 - p3, z = p2 - p3;
        const Vec p = z.cross(v12), x = z.cross(v43), y = z.cross(x);
        const double u = x.dot(x), v = y.dot(y);
        if (u <= 0 || v <= 0)
            return 360;
        const double angle = std::atan2(p.dot(y) / std::sqrt(v), p.dot(x) / std::sqrt(u)) * 180.0 / M_PI;
        return angle;
    }

    void calculateDihedrals() {
        for (std::size_t i = 0; i < r_.size(); ++i) {
            if (i > 0 && noChainBreak(int(i) - 1, int(i)))
                r_[i].phi = dihedral(r_[i - 1].c, r_[i].n, r_[i].ca, r_[i].c);
            if (i + 1 < r_.size() && noChainBreak(int(i), int(i) + 1))
                r_[i].psi = dihedral(r_[i].n, r_[i].ca, r_[i].c, r_[i + 1].n);
        }
    }

    // DSSP 4's polyproline II helix ('P'): three consecutive coil residues with phi -75 ± 29 and
    // psi 145 ± 29 degrees.
    void calculatePolyprolineHelices() {
        auto inRange = [&](std::size_t i) {
            return r_[i].phi >= -104 && r_[i].phi <= -46 && r_[i].psi >= 116 && r_[i].psi <= 174;
        };
        for (std::size_t i = 1; i + 3 < r_.size(); ++i)
            if (inRange(i) && inRange(i + 1) && inRange(i + 2))
                for (std::size_t k = i; k <= i + 2; ++k)
                    if (r_[k].ss == '-')
                        r_[k].ss = 'P';
    }

    std::vector<Residue> r_;
};

std::vector<Residue> backboneResidues(const Structure& s, int model) {
    std::vector<Residue> residues;
    const IndexRange chains = s.conformerChains(model);
    for (int c = chains.begin; c < chains.end; ++c)
        for (int r : s.polymerResidues(c)) {
            const int n = s.findAtom(r, "N"), ca = s.findAtom(r, "CA"), cc = s.findAtom(r, "C"),
                      o = s.findAtom(r, "O");
            if (n < 0 || ca < 0 || cc < 0 || o < 0)
                continue; // DSSP skips residues without a complete backbone
            Residue res;
            res.structureIndex = r;
            res.chain = c;
            res.proline = s.residueName(r) == "PRO";
            res.n = s.position(n);
            res.ca = s.position(ca);
            res.c = s.position(cc);
            res.o = s.position(o);
            residues.push_back(res);
        }
    return residues;
}

} // namespace

std::vector<char> assignSecondaryStructure(const Structure& structure) {
    std::vector<char> result(static_cast<std::size_t>(structure.residueCount()), '-');
    for (int m = 0; m < structure.conformerCount(); ++m) {
        Dssp dssp(backboneResidues(structure, m));
        dssp.run();
        for (const auto& r : dssp.residues())
            result[static_cast<std::size_t>(r.structureIndex)] = r.ss;
    }
    return result;
}

std::string secondaryStructureOfChain(const Structure& structure, const std::vector<char>& perResidue,
                                      int chain) {
    std::string text;
    for (int r : structure.polymerResidues(chain))
        text.push_back(perResidue[static_cast<std::size_t>(r)]);
    return text;
}

char threeState(char eightState) {
    switch (eightState) {
    case 'H':
    case 'G':
    case 'I':
        return 'H';
    case 'E':
    case 'B':
        return 'E';
    default:
        return 'C';
    }
}

} // namespace esm
