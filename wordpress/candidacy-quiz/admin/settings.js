/**
 * The settings page's Protocol Studio: the studio (the plugin's quiz/studio/) in a frame, sent
 * the clinic's protocol (or the chosen treatment's) when it is ready; "Save to the site" in the
 * studio sends the protocol back, which is posted to WordPress. Messages are JSON text, accepted
 * from this site's own origin and the studio's frame only.
 */
( function () {
	const box = document.getElementById( 'candidacy-quiz-studio' );
	const opener = document.getElementById( 'candidacy-quiz-open-studio' );
	if ( ! box || ! opener ) {
		return;
	}
	let frame = null;

	async function protocolText() {
		const own = document.getElementById( 'candidacy-quiz-own-protocol' );
		if ( own ) {
			return JSON.parse( own.textContent );
		}
		const response = await fetch( box.dataset.treatmentUrl );
		return response.text();
	}

	window.addEventListener( 'message', async ( event ) => {
		if ( ! frame || event.source !== frame.contentWindow || event.origin !== location.origin ) {
			return;
		}
		let message;
		try {
			message = JSON.parse( event.data );
		} catch ( error ) {
			return;
		}
		if ( message.ready ) {
			const text = await protocolText();
			frame.contentWindow.postMessage( JSON.stringify( { open: { name: box.dataset.name, text } } ), location.origin );
		} else if ( typeof message.save === 'string' ) {
			const form = document.getElementById( 'candidacy-quiz-save' );
			form.elements.protocol.value = message.save;
			form.submit();
		}
	} );

	opener.addEventListener( 'click', () => {
		frame = document.createElement( 'iframe' );
		frame.src = box.dataset.studio;
		frame.title = document.getElementById( 'candidacy-quiz-studio-heading' ).textContent;
		frame.style.width = '100%';
		frame.style.height = '85vh';
		frame.style.border = '1px solid #c3c4c7';
		opener.replaceWith( frame );
		frame.focus();
	} );
}() );
