// Runs first, in the page's <head>, before the prerendered first screen is painted: a Start
// pressed or a language chosen on that screen before the app is ready is kept (the app opens on
// the first question, or in that language), whenever it happens. A plain script, not a module,
// so that it runs before the page is painted rather than after it has been parsed; it listens on
// the document, since the screen is not there yet. Once the app runs (`data-running` on #app),
// the screen is the app's and this stands aside.

{
  // How long a Start pressed early waits before the page says the connection seems slow.
  const SLOW_START_MS = 10000;
  document.addEventListener('click', (event) => {
    const app = document.getElementById('app');
    const button = event.target.closest?.('.prerendered .screen.intro button');
    if (!app || !button || 'running' in app.dataset || 'started' in app.dataset) return;
    app.dataset.started = '';
    // Says that the press was taken, and, if the app is slow to arrive, what to do. The app
    // replaces this screen (and the message) with the first question as soon as it runs.
    const prerendered = button.closest('.prerendered');
    const status = prerendered.querySelector('.starting');
    const announcer = prerendered.querySelector('[role=status]');
    if (!status) return;
    const say = (text) => {
      status.textContent = text;
      if (announcer) announcer.textContent = text;
      status.scrollIntoView({ block: 'nearest' });
    };
    say(status.dataset.starting);
    setTimeout(() => {
      if (status.isConnected && !('running' in app.dataset)) say(status.dataset.slow);
    }, SLOW_START_MS);
  });
  document.addEventListener('change', (event) => {
    const app = document.getElementById('app');
    if (app && !('running' in app.dataset) && event.target.matches?.('.prerendered #language-select')) {
      app.dataset.language = event.target.value;
    }
  });
}
