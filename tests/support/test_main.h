#pragma once

// The main() of every test executable: QTEST_MAIN or QTEST_GUILESS_MAIN, run in a home of its own.
//
//   CONVSCOPE_TEST_MAIN(TestFoo)           QApplication (or QGuiApplication), as QTEST_MAIN
//   CONVSCOPE_TEST_GUILESS_MAIN(TestFoo)   QCoreApplication, as QTEST_GUILESS_MAIN
//
// Tests are hermetic: each run gets a fresh temporary folder that HOME and the XDG base directories point
// into, so settings (QSettings), caches (FFTW wisdom, the cost model) and data (training runs) never leak
// from one test into another, nor from one run of the same test into the next, even under `ctest -j`.
// Child processes (convscope-cli started by a test) inherit the same folders.

#include <QTest>

#include <QByteArray>
#include <QTemporaryDir>

namespace convscope::testing {

/// Creates the temporary home and points the environment at it; removes it again at the end of main().
class TestHome {
public:
    TestHome();
    ~TestHome();
    TestHome(const TestHome&) = delete;
    TestHome& operator=(const TestHome&) = delete;

    /// The folder HOME now names.
    QString path() const { return m_dir.path(); }

private:
    QTemporaryDir m_dir;
};

}  // namespace convscope::testing

#define CONVSCOPE_TEST_MAIN(TestObject) \
    QTEST_MAIN_WRAPPER(TestObject, const convscope::testing::TestHome convscopeTestHome; QTEST_MAIN_SETUP())

#define CONVSCOPE_TEST_GUILESS_MAIN(TestObject)                                          \
    QTEST_MAIN_WRAPPER(TestObject, const convscope::testing::TestHome convscopeTestHome; \
                       QTEST_QAPP_SETUP(QCoreApplication))
