#include "settingsdialog.h"

#include "appsettings.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>

namespace {
QDoubleSpinBox *percentBox(QWidget *parent, double value, double maximum)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setRange(0, maximum);
    box->setDecimals(1);
    box->setSingleStep(1);
    box->setSuffix(QStringLiteral(" %"));
    box->setValue(value);
    return box;
}
} // namespace

SettingsDialog::SettingsDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Preferences"));
    const MeasurementSettings measurement = AppSettings::measurementSettings();
    m_tolerance = percentBox(this, measurement.tolerancePct, 100);
    m_tolerance->setSuffix(tr(" points"));
    m_margin = percentBox(this, measurement.exceededMarginPct, 100);
    m_margin->setSuffix(tr(" points"));
    m_target = percentBox(this, AppSettings::successTargetPct(), 100);
    m_window = new QComboBox(this);
    m_window->addItem(tr("The one used last"), AppSettings::LastUsedWindow);
    for (int days : {7, 30, 90, 365})
        m_window->addItem(tr("Last %n day(s)", nullptr, days), days);
    m_window->addItem(tr("All time"), 0);
    m_window->setCurrentIndex(std::max(0, m_window->findData(AppSettings::defaultWindowChoice())));
    m_similarDays = new QSpinBox(this);
    m_similarDays->setObjectName(QStringLiteral("similarDays"));
    m_similarDays->setRange(1, 3650);
    m_similarDays->setValue(AppSettings::similarDays());
    // The suffix follows the number: "1 day", "14 days".
    const auto daysSuffix = [this] {
        m_similarDays->setSuffix(tr(" day(s)", nullptr, m_similarDays->value()));
    };
    daysSuffix();
    connect(m_similarDays, &QSpinBox::valueChanged, this, daysSuffix);

    auto *form = new QFormLayout(this);
    form->addRow(tr("&Tolerance:"), m_tolerance);
    auto *toleranceHint = new QLabel(tr("An estimate is met when the actual improvement is at least the "
                                        "estimate minus this many percentage points, and not a regression. "
                                        "Changing it offers to judge the recorded measurements again."), this);
    toleranceHint->setWordWrap(true);
    toleranceHint->setForegroundRole(QPalette::PlaceholderText);
    form->addRow(QString(), toleranceHint);
    form->addRow(tr("\"&Exceeded\" margin:"), m_margin);
    form->addRow(tr("&Success target:"), m_target);
    form->addRow(tr("Default &window:"), m_window);
    form->addRow(tr("Similar runs &within:"), m_similarDays);
    auto *similarHint = new QLabel(tr("An after job recorded with its other runs compares the runs of the same "
                                      "queries this many days before and after it."), this);
    similarHint->setWordWrap(true);
    similarHint->setForegroundRole(QPalette::PlaceholderText);
    form->addRow(QString(), similarHint);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void SettingsDialog::accept()
{
    AppSettings::setMeasurementSettings({m_tolerance->value(), m_margin->value()});
    AppSettings::setSuccessTargetPct(m_target->value());
    AppSettings::setDefaultWindowChoice(m_window->currentData().toInt());
    AppSettings::setSimilarDays(m_similarDays->value());
    QDialog::accept();
}
