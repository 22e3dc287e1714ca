#pragma once

#include <QDialog>

class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

// Preferences: how measurements are judged (tolerance, "exceeded" margin), the success
// target, the default time window and how far similar runs are gathered. Stored with AppSettings.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(QWidget *parent = nullptr);
    void accept() override;

private:
    QDoubleSpinBox *m_tolerance;
    QDoubleSpinBox *m_margin;
    QDoubleSpinBox *m_target;
    QComboBox *m_window;
    QSpinBox *m_similarDays;
};
