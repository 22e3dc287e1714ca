#pragma once

#include <QFrame>

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

private:
    QLabel *m_caption;
    QLabel *m_value;
    QLabel *m_note;
    State m_state = State::Neutral;
};
