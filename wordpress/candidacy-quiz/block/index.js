/**
 * The Candidacy Quiz block in the editor: the quiz's options in the sidebar, a placeholder in the
 * page (the quiz itself appears on the published page). Plain JavaScript over WordPress's own
 * packages, so the plugin needs no build step.
 */
( function ( blocks, element, blockEditor, components, i18n ) {
	const el = element.createElement;
	const __ = i18n.__;
	const { InspectorControls, useBlockProps } = blockEditor;
	const { PanelBody, SelectControl, TextControl, Placeholder } = components;

	blocks.registerBlockType( 'candidacy-quiz/quiz', {
		edit( { attributes, setAttributes } ) {
			const set = ( key ) => ( value ) => setAttributes( { [ key ]: value } );
			return el(
				'div',
				useBlockProps(),
				el(
					InspectorControls,
					null,
					el(
						PanelBody,
						{ title: __( 'Quiz', 'candidacy-quiz' ) },
						el( SelectControl, {
							label: __( 'Language', 'candidacy-quiz' ),
							value: attributes.lang,
							options: [
								{ label: __( 'The visitor\'s', 'candidacy-quiz' ), value: '' },
								{ label: 'English', value: 'en' },
								{ label: 'Español', value: 'es' },
								{ label: 'العربية', value: 'ar' },
							],
							onChange: set( 'lang' ),
						} ),
						el( SelectControl, {
							label: __( 'Shown', 'candidacy-quiz' ),
							value: attributes.mode,
							options: [
								{ label: __( 'In the page', 'candidacy-quiz' ), value: '' },
								{ label: __( 'As a button that opens it', 'candidacy-quiz' ), value: 'popup' },
							],
							onChange: set( 'mode' ),
						} ),
						attributes.mode === 'popup' && el( TextControl, {
							label: __( 'Button text', 'candidacy-quiz' ),
							value: attributes.buttonLabel,
							onChange: set( 'buttonLabel' ),
						} ),
						el( SelectControl, {
							label: __( 'Protocol', 'candidacy-quiz' ),
							value: attributes.protocol,
							options: [
								{ label: __( 'The one in Settings → Candidacy Quiz', 'candidacy-quiz' ), value: '' },
								{ label: __( 'Microneedling', 'candidacy-quiz' ), value: 'microneedling' },
								{ label: __( 'RF microneedling', 'candidacy-quiz' ), value: 'rf-microneedling' },
								{ label: __( 'Microneedling with PRP', 'candidacy-quiz' ), value: 'prp-microneedling' },
								{ label: __( 'RF microneedling with PRP', 'candidacy-quiz' ), value: 'rf-prp-microneedling' },
							],
							onChange: set( 'protocol' ),
						} )
					)
				),
				el( Placeholder, {
					icon: 'clipboard',
					label: __( 'Candidacy Quiz', 'candidacy-quiz' ),
					instructions: __( 'The quiz appears here on the published page. Its options are in the sidebar.', 'candidacy-quiz' ),
				} )
			);
		},
		save() {
			return null;
		},
	} );
}( window.wp.blocks, window.wp.element, window.wp.blockEditor, window.wp.components, window.wp.i18n ) );
