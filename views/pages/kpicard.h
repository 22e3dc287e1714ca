#pragma once

#include <QColor>
#include <QFrame>
#include <QList>

class QGridLayout;
class QLabel;

// One key figure of the dashboard: a caption, a large value and a short note, with an
// optional state (good / bad) shown by colour and by a word, not by colour alone.
class KpiCard : public QFrame
{
    Q_OBJECT

public:
    enum class State { Neutral, Good, Bad };

    explicit KpiCard(const QString &caption, QWidget *parent = nullptr);

    void setValue(const QString &value, const QString &note = {}, State state = State::Neutral);
    QString value() const;
    QString note() const;
    State state() const { return m_state; }

    // Small counts under the value, one to a line (a narrow window keeps the card narrow), each with a marker of its colour (hollow:
    // a ring) and a tooltip of its own that says what it counts.
    struct Part
    {
        QString text;
        QString toolTip;
        QColor marker;
        bool hollow = false;
    };
    void setBreakdown(const QList<Part> &parts);
    QList<Part> breakdown() const { return m_parts; }
    // The label showing part `index`, as the user hovers it.
    QLabel *breakdownLabel(int index) const { return m_partLabels.value(index); }

private:
    QLabel *m_caption;
    QLabel *m_value;
    QLabel *m_note;
    QGridLayout *m_breakdown;
    QList<Part> m_parts;
    QList<QLabel *> m_partLabels;
    State m_state = State::Neutral;
};
