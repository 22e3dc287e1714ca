#include "scattercloud.h"

#include "verdictcolors.h"

#include <QPainter>

#include <array>
#include <cmath>

namespace ScatterCloud {

namespace {

using PointVerdict = DashboardStatistics::PointVerdict;

QColor colorOf(PointVerdict verdict)
{
    switch (verdict) {
    case PointVerdict::Met: return VerdictColors::met();
    case PointVerdict::Underperformed: return VerdictColors::underperformed();
    case PointVerdict::Regression: return VerdictColors::regression();
    }
    return Qt::gray;
}

// The pixels of a dot around its centre: a disc, or a ring one pixel wide for a hollow one
// (at least 2.5 pixels out, so that a small dot still shows its hole).
QList<QPoint> stamp(qreal radius, bool hollow)
{
    const qreal outer = hollow ? std::max<qreal>(radius, 2.5) : radius;
    const qreal inner = hollow ? outer - 1.2 : -1;
    QList<QPoint> pixels;
    const int reach = int(std::ceil(outer));
    for (int dy = -reach; dy <= reach; ++dy)
        for (int dx = -reach; dx <= reach; ++dx) {
            const qreal distance = dx * dx + dy * dy;
            if (distance <= outer * outer + 0.5 && (inner < 0 || distance > inner * inner))
                pixels << QPoint(dx, dy);
        }
    return pixels;
}

// Premultiplied "source over": source + target × (1 − source alpha), which never passes 255;
// the product on two 8-bit channels at once, as Qt's own blending does. `keep` is
// 255 × (1 − source alpha).
inline void blend(QRgb source, uint keep, QRgb &target)
{
    uint low = (target & 0xff00ff) * keep;
    low = ((low + ((low >> 8) & 0xff00ff) + 0x800080) >> 8) & 0xff00ff;
    uint high = ((target >> 8) & 0xff00ff) * keep;
    high = (high + ((high >> 8) & 0xff00ff) + 0x800080) & 0xff00ff00;
    target = source + (low | high);
}

struct Ink
{
    std::array<QRgb, 3> colors; // premultiplied, per expectation
    uint keep;

    explicit Ink(qreal alpha) : keep(255 - uint(alpha * 255 + 0.5))
    {
        for (int v = 0; v < 3; ++v) {
            QColor color = colorOf(PointVerdict(v));
            color.setAlphaF(alpha);
            colors[size_t(v)] = qPremultiply(color.rgba());
        }
    }
};

} // namespace

QPointF Mapping::map(double estimated, double actual) const
{
    actual = std::clamp(actual, ActualFloor, maxActual);
    // Without an estimate, a point stands in its own column left of the axis: judged against
    // 0, it is not an estimate of 0.
    const double x = std::isnan(estimated)
                         ? noEstimateX
                         : area.left() + (estimated - minEstimate) / (maxEstimate - minEstimate) * area.width();
    const double y = area.bottom() - (actual - minActual) / (maxActual - minActual) * area.height();
    return {x, y};
}

QList<QLineF> intervalBars(const DashboardStatistics::Points &points, const Mapping &mapping)
{
    QList<QLineF> bars;
    for (qsizetype i = 0; i < points.size(); ++i)
        if (points.hasInterval(i))
            bars << QLineF(mapping.map(points.estimated.at(i), points.intervalLow.at(i)),
                           mapping.map(points.estimated.at(i), points.intervalHigh.at(i)));
    return bars;
}

QImage render(const DashboardStatistics::Points &points, const Mapping &mapping, const QSize &size,
              qreal devicePixelRatio)
{
    QImage cloud(size * devicePixelRatio, QImage::Format_ARGB32_Premultiplied);
    cloud.setDevicePixelRatio(devicePixelRatio);
    cloud.fill(Qt::transparent);
    const qsizetype count = points.size();
    // Fewer points get bigger dots; a dense cloud gets small, translucent ones, and fainter bars
    // (which then read as a wash of where the intervals reach, not as single strokes).
    const qreal radius = (count < 2000 ? 3.0 : count < 50000 ? 2.0 : 1.3) * devicePixelRatio;
    const qreal alpha = count < 2000 ? 0.85 : count < 50000 ? 0.55 : 0.3;
    const qreal barAlpha = count < 2000 ? 0.5 : count < 50000 ? 0.35 : 0.08;

    if (count < 20000) {
        // Few points: antialiased strokes and discs, still one pass.
        QPainter painter(&cloud);
        painter.setRenderHint(QPainter::Antialiasing);
        std::array<QList<QLineF>, 3> bars;
        for (qsizetype i = 0; i < count; ++i)
            if (points.hasInterval(i))
                bars[size_t(points.verdicts.at(i))]
                    << QLineF(mapping.map(points.estimated.at(i), points.intervalLow.at(i)),
                              mapping.map(points.estimated.at(i), points.intervalHigh.at(i)));
        for (int v = 0; v < 3; ++v) {
            QColor color = colorOf(PointVerdict(v));
            color.setAlphaF(barAlpha);
            painter.setPen(QPen(color, count < 2000 ? 1.5 : 1.0, Qt::SolidLine, Qt::FlatCap));
            painter.drawLines(bars[size_t(v)]);
            if (count < 2000) { // short caps mark where an interval ends
                QList<QLineF> caps;
                for (const QLineF &bar : std::as_const(bars[size_t(v)]))
                    for (const QPointF &end : {bar.p1(), bar.p2()})
                        caps << QLineF(end - QPointF(2.5, 0), end + QPointF(2.5, 0));
                painter.drawLines(caps);
            }
        }
        const qreal r = radius / devicePixelRatio;
        for (qsizetype i = 0; i < count; ++i) {
            QColor color = colorOf(points.verdicts.at(i));
            const QPointF centre = mapping.map(points.estimated.at(i), points.actual.at(i));
            if (points.hasInsufficientRuns(i)) {
                color.setAlphaF(std::min(1.0, alpha + 0.1));
                painter.setPen(QPen(color, 1.5));
                painter.setBrush(Qt::NoBrush);
                // At least as big as a small filled dot, so that its hole shows.
                const qreal ring = std::max<qreal>(r, 2.6) - 0.4;
                painter.drawEllipse(centre, ring, ring);
            } else {
                color.setAlphaF(alpha);
                painter.setPen(Qt::NoPen);
                painter.setBrush(color);
                painter.drawEllipse(centre, r, r);
            }
        }
        return cloud;
    }

    // Many points: each dot is a stamp of pixels and each bar a column of them, blended into
    // the image directly. QPainter::drawPoints with a wide pen costs ~5 µs a point, a stamp a
    // few dozen nanoseconds.
    const int width = cloud.width(), height = cloud.height();
    auto *pixels = reinterpret_cast<QRgb *>(cloud.bits());
    const qsizetype stride = cloud.bytesPerLine() / qsizetype(sizeof(QRgb));
    const Ink dotInk(alpha), barInk(barAlpha);
    const std::array<QList<QPoint>, 2> shapes{stamp(radius, false), stamp(radius, true)};
    const int reach = int(std::ceil(std::max<qreal>(radius, 2.5)));
    std::array<QList<qsizetype>, 2> shapeOffsets; // of the stamps' pixels from their centre, in the pixel array
    for (int s = 0; s < 2; ++s)
        for (const QPoint &offset : shapes[size_t(s)])
            shapeOffsets[size_t(s)] << offset.y() * stride + offset.x();

    // toWidget(), with what stays the same for every point taken out of the loop.
    const QRectF area = mapping.area;
    const double scaleX = area.width() / (mapping.maxEstimate - mapping.minEstimate);
    const double scaleY = area.height() / (mapping.maxActual - mapping.minActual);
    const auto column = [&](float estimated) {
        return int((std::isnan(estimated) ? mapping.noEstimateX : area.left() + (estimated - mapping.minEstimate) * scaleX)
                   * devicePixelRatio);
    };
    const auto row = [&](float actual) {
        const double clamped = std::clamp(double(actual), Mapping::ActualFloor, mapping.maxActual);
        return int((area.bottom() - (clamped - mapping.minActual) * scaleY) * devicePixelRatio);
    };

    // The bars first, under the dots: one pixel column each, from the high end down to the low.
    for (qsizetype i = 0; i < count; ++i) {
        if (!points.hasInterval(i))
            continue;
        const int x = column(points.estimated.at(i));
        if (x < 0 || x >= width)
            continue;
        const int top = std::max(0, row(points.intervalHigh.at(i)));
        const int bottom = std::min(height - 1, row(points.intervalLow.at(i)));
        const QRgb source = barInk.colors[size_t(points.verdicts.at(i))];
        for (int y = top; y <= bottom; ++y)
            blend(source, barInk.keep, pixels[y * stride + x]);
    }

    // The points come in id order, all over the picture, and blending a dot would mostly wait
    // for its pixels to come from memory. So the dots are stamped band by band of image rows,
    // in id order within a band, and a band's pixels stay in the cache: first each dot's
    // centre (as a pixel index, with its expectation and its shape in the top bits) is sorted
    // into its band, then the bands are stamped one after the other.
    constexpr int BandRows = 16;
    constexpr quint32 IndexBits = 0x1fffffff, HollowBit = 1u << 29;
    const int bands = height / BandRows + 1;
    QList<quint32> centres(count);
    QList<qsizetype> bandStart(bands + 1, 0);
    for (qsizetype i = 0; i < count; ++i) {
        const int cx = column(points.estimated.at(i));
        const int cy = row(points.actual.at(i));
        const auto verdict = quint32(points.verdicts.at(i));
        const bool hollow = points.hasInsufficientRuns(i);
        if (cx >= reach && cy >= reach && cx < width - reach && cy < height - reach) {
            centres[i] = quint32(cy * stride + cx) | (hollow ? HollowBit : 0u) | verdict << 30;
            ++bandStart[cy / BandRows + 1];
            continue;
        }
        centres[i] = ~0u; // near the edge: stamped now, pixel by pixel
        for (const QPoint &offset : shapes[hollow ? 1 : 0]) {
            const int x = cx + offset.x(), y = cy + offset.y();
            if (x >= 0 && y >= 0 && x < width && y < height)
                blend(dotInk.colors[verdict], dotInk.keep, pixels[y * stride + x]);
        }
    }
    for (int band = 0; band < bands; ++band)
        bandStart[band + 1] += bandStart[band];
    QList<quint32> byBand(bandStart.last());
    QList<qsizetype> next(bandStart.cbegin(), bandStart.cend() - 1);
    for (const quint32 centre : std::as_const(centres))
        if (centre != ~0u)
            byBand[next[qsizetype(centre & IndexBits) / stride / BandRows]++] = centre;
    for (const quint32 centre : std::as_const(byBand)) {
        QRgb *at = pixels + (centre & IndexBits);
        const QRgb source = dotInk.colors[centre >> 30];
        for (const qsizetype offset : shapeOffsets[(centre & HollowBit) ? 1 : 0])
            blend(source, dotInk.keep, at[offset]);
    }
    return cloud;
}

} // namespace ScatterCloud
