#include "core/embedding/quadtree.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace convscope::embedding {

namespace {
// Below this depth cells stop splitting: points closer than 2⁻⁴⁰ of the extent share a leaf.
constexpr int kMaxDepth = 40;
}  // namespace

Quadtree::Quadtree(const PointSet& points) : m_points(points) {
    if (points.dims != 2) throw std::invalid_argument("the quadtree takes 2-D points");
    double minX = 0.0, maxX = 0.0, minY = 0.0, maxY = 0.0;
    for (int i = 0; i < points.count; ++i) {
        const double x = points.at(i, 0), y = points.at(i, 1);
        if (i == 0 || x < minX) minX = x;
        if (i == 0 || x > maxX) maxX = x;
        if (i == 0 || y < minY) minY = y;
        if (i == 0 || y > maxY) maxY = y;
    }
    Cell root;
    root.centreX = (minX + maxX) / 2.0;
    root.centreY = (minY + maxY) / 2.0;
    root.halfWidth = std::max({maxX - minX, maxY - minY, 1e-12}) / 2.0 * (1.0 + 1e-9);
    m_cells.reserve(std::size_t(points.count) * 2 + 1);
    m_cells.push_back(root);
    for (int i = 0; i < points.count; ++i) insert(0, i, 0);
}

void Quadtree::split(int cell) {
    const int first = int(m_cells.size());
    const Cell parent = m_cells[std::size_t(cell)];
    const double h = parent.halfWidth / 2.0;
    for (int q = 0; q < 4; ++q) {
        Cell c;
        c.centreX = parent.centreX + ((q & 1) ? h : -h);
        c.centreY = parent.centreY + ((q & 2) ? h : -h);
        c.halfWidth = h;
        m_cells.push_back(c);
    }
    m_cells[std::size_t(cell)].firstChild = first;
}

void Quadtree::insert(int cell, int point, int depth) {
    const double x = m_points.at(point, 0), y = m_points.at(point, 1);
    for (;;) {
        Cell& c = m_cells[std::size_t(cell)];
        c.massX += x;
        c.massY += y;
        ++c.count;
        if (c.firstChild < 0) {
            if (c.points.empty() || depth >= kMaxDepth) {
                c.points.push_back(point);
                return;
            }
            // A leaf that holds a point already: push it one level down, then go on with the new one.
            const std::vector<int> held = std::move(c.points);
            m_cells[std::size_t(cell)].points.clear();
            split(cell);
            for (int p : held) {
                const Cell& parent = m_cells[std::size_t(cell)];
                const int q = (m_points.at(p, 0) > parent.centreX ? 1 : 0) +
                              (m_points.at(p, 1) > parent.centreY ? 2 : 0);
                insert(parent.firstChild + q, p, depth + 1);
            }
        }
        const Cell& parent = m_cells[std::size_t(cell)];
        cell = parent.firstChild + (x > parent.centreX ? 1 : 0) + (y > parent.centreY ? 2 : 0);
        ++depth;
    }
}

double Quadtree::repulsion(int i, double theta, double force[2]) const {
    return visit(0, i, theta, force);
}

double Quadtree::visit(int cell, int i, double theta, double force[2]) const {
    const Cell& c = m_cells[std::size_t(cell)];
    if (c.count == 0) return 0.0;
    const double xi = m_points.at(i, 0), yi = m_points.at(i, 1);
    if (c.firstChild < 0) {
        double z = 0.0;
        for (int j : c.points) {
            if (j == i) continue;
            const double dx = xi - m_points.at(j, 0), dy = yi - m_points.at(j, 1);
            const double w = 1.0 / (1.0 + dx * dx + dy * dy);
            z += w;
            force[0] += w * w * dx;
            force[1] += w * w * dy;
        }
        return z;
    }
    const double dx = xi - c.massX / c.count, dy = yi - c.massY / c.count;
    const double d2 = dx * dx + dy * dy;
    // A cell that holds point i is never summarised (it would count i itself); others are when small
    // against their distance.
    const bool holdsI = std::abs(xi - c.centreX) <= c.halfWidth && std::abs(yi - c.centreY) <= c.halfWidth;
    if (!holdsI && (2.0 * c.halfWidth) * (2.0 * c.halfWidth) < theta * theta * d2) {
        const double w = 1.0 / (1.0 + d2);
        force[0] += c.count * w * w * dx;
        force[1] += c.count * w * w * dy;
        return c.count * w;
    }
    double z = 0.0;
    for (int q = 0; q < 4; ++q) z += visit(c.firstChild + q, i, theta, force);
    return z;
}

}  // namespace convscope::embedding
